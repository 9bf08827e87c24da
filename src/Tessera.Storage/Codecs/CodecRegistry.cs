using System.Text.Json.Nodes;
using Tessera.Codecs.Blosc;
using Tessera.DataTypes;

namespace Tessera.Codecs;

/// <summary>
/// Maps codec ids (as written in metadata) to factories that prepare a codec from its JSON
/// configuration. A new codec is one class and one line in <see cref="CreateDefault"/>.
/// </summary>
public sealed class CodecRegistry
{
    private readonly Dictionary<string, CodecFactory> _factories = new(StringComparer.Ordinal);

    /// <summary>Prepares a codec from its configuration for an array of <paramref name="dataType"/>.</summary>
    public delegate IBytesToBytesCodec CodecFactory(JsonObject configuration, DataType dataType);

    /// <summary>The registry with every codec Tessera ships.</summary>
    public static CodecRegistry Default { get; } = CreateDefault();

    /// <summary>The registered ids, sorted.</summary>
    public IReadOnlyList<string> Ids => [.. _factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A registry with every codec Tessera ships.</summary>
    public static CodecRegistry CreateDefault()
    {
        var registry = new CodecRegistry();
        registry.Register(ZlibCodec.CodecId, ZlibCodec.FromJson);
        registry.Register(GzipCodec.CodecId, GzipCodec.FromJson);
        registry.Register(ZstdCodec.CodecId, ZstdCodec.FromJson);
        registry.Register(Lz4Codec.CodecId, Lz4Codec.FromJson);
        registry.Register(BloscCodec.CodecId, BloscCodec.FromJson);
        return registry;
    }

    /// <summary>Registers (or replaces) the factory for <paramref name="id"/>.</summary>
    public void Register(string id, CodecFactory factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[id] = factory;
    }

    /// <summary>Whether a codec with <paramref name="id"/> is registered.</summary>
    public bool Contains(string id) => _factories.ContainsKey(id);

    /// <summary>Prepares the codec that <paramref name="configuration"/> (an object with an <c>id</c>) describes.</summary>
    /// <exception cref="CodecException">The id is missing or unknown, or the configuration is invalid.</exception>
    public IBytesToBytesCodec Create(JsonObject configuration, DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? id = configuration["id"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        if (id is null)
        {
            throw new CodecException($"Codec configuration {configuration.ToJsonString()} has no string 'id'. Expected an object such as {{\"id\": \"blosc\", ...}}.");
        }

        if (!_factories.TryGetValue(id, out var factory))
        {
            throw new CodecException($"Unknown codec id '{id}'. Supported: {string.Join(", ", Ids)}.");
        }

        return factory(configuration, dataType);
    }
}
