using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Tessera.Arrays.Operations;

/// <summary>
/// Block operations by name, so that a plan written as data (<see cref="Plans.LazyPlan"/>) can be rebuilt in
/// another process. Assemblies that define operations register them (Tessera.Imaging:
/// <c>registry.AddImaging()</c>). Thread-safe.
/// </summary>
public sealed class OperationRegistry
{
    private readonly ConcurrentDictionary<string, Func<JsonObject, IBlockOperation>> _factories = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="factory"/>, which recreates operation <paramref name="name"/> from its parameters.</summary>
    /// <exception cref="ArgumentException">Another factory has that name.</exception>
    public OperationRegistry Register(string name, Func<JsonObject, IBlockOperation> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_factories.TryAdd(name, factory))
        {
            throw new ArgumentException($"An operation named '{name}' is registered already.", nameof(name));
        }

        return this;
    }

    /// <summary>Whether an operation named <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>Recreates operation <paramref name="name"/> from <paramref name="parameters"/>.</summary>
    /// <exception cref="PlanSerializationException">No operation of that name is registered.</exception>
    public IBlockOperation Create(string name, JsonObject parameters)
    {
        if (!_factories.TryGetValue(name, out var factory))
        {
            string known = _factories.IsEmpty ? "none" : string.Join(", ", _factories.Keys.Order(StringComparer.Ordinal));
            throw new PlanSerializationException($"The plan uses operation '{name}', which is not registered (registered: {known}). Register the assembly that defines it, for example registry.AddImaging().");
        }

        return factory(parameters);
    }
}
