using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Tessera.Stores;

/// <summary>A store held in memory: for tests, small intermediates and building archives.</summary>
public sealed class MemoryStore : IStore
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public StoreCapabilities Capabilities =>
        StoreCapabilities.Writable | StoreCapabilities.Deletable | StoreCapabilities.Listable |
        StoreCapabilities.PartialReads | StoreCapabilities.AtomicWrites;

    /// <summary>The number of keys.</summary>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public string Describe(string key) => $"memory://{key}";

    /// <inheritdoc/>
    public ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_values.TryGetValue(key, out var value))
        {
            return ValueTask.FromResult<StoreValue?>(null);
        }

        // Values are replaced whole and never mutated, so a view needs no copy.
        var memory = value.AsMemory();
        if (range is { } r)
        {
            var (offset, length) = r.Resolve(value.Length);
            memory = memory.Slice((int)offset, (int)length);
        }

        return ValueTask.FromResult<StoreValue?>(StoreValue.FromImmutable(memory));
    }

    /// <inheritdoc/>
    public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        _values[key] = value.ToArray();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_values.TryRemove(key, out _));
    }

    /// <inheritdoc/>
    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_values.ContainsKey(key));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreKey.ValidatePrefix(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var key in _values.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return key;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListChildrenAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string prefix = StoreKey.FolderPrefix(folder);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _values.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                int end = key.IndexOf('/', prefix.Length);
                string child = end < 0 ? key[prefix.Length..] : key[prefix.Length..end];
                if (seen.Add(child))
                {
                    yield return child;
                }
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
