using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.DataTypes;

namespace Tessera.Zarr.V3;

/// <summary>
/// The contents of a Zarr v3 array's <c>zarr.json</c> (core spec v3.0, "Array metadata"), parsed and validated
/// once per array. Codecs are kept as written; resolving them to implementations is a later step.
/// </summary>
public sealed record ZarrV3Metadata : ZarrV3Node
{
    private static readonly string[] KnownFields =
    [
        "zarr_format", "node_type", "shape", "data_type", "chunk_grid", "chunk_key_encoding", "fill_value",
        "codecs", "attributes", "dimension_names", "storage_transformers",
    ];

    /// <summary>The size of each dimension.</summary>
    public required long[] Shape { get; init; }

    /// <summary>The shape of every chunk of the regular chunk grid.</summary>
    public required int[] ChunkShape { get; init; }

    /// <summary>The element type (little-endian; in v3 the stored byte order belongs to the <c>bytes</c> codec).</summary>
    public required DataType DataType { get; init; }

    /// <summary>How chunk indices become store keys.</summary>
    public ChunkKeyEncoding ChunkKeyEncoding { get; init; } = ChunkKeyEncoding.Default();

    /// <summary>The value of elements in chunks never written.</summary>
    public required V3FillValue FillValue { get; init; }

    /// <summary>The codec chain in document order: array-to-array codecs, one array-to-bytes codec, bytes-to-bytes codecs.</summary>
    public required IReadOnlyList<V3Codec> Codecs { get; init; }

    /// <summary>A name (or null) per dimension, or null when the document gives none.</summary>
    public IReadOnlyList<string?>? DimensionNames { get; init; }

    /// <summary>The store key of the chunk at <paramref name="chunkIndex"/>, relative to the array (e.g. <c>c/0/1/2</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="chunkIndex"/> does not have one index per dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is negative.</exception>
    public string ChunkKey(ReadOnlySpan<long> chunkIndex)
    {
        if (chunkIndex.Length != Shape.Length)
        {
            throw new ArgumentException($"Chunk index {V3Json.FormatList(chunkIndex)} has {chunkIndex.Length} dimensions; the array has {Shape.Length}.", nameof(chunkIndex));
        }

        return ChunkKeyEncoding.ChunkKey(chunkIndex);
    }

    /// <summary>Parses an array <c>zarr.json</c>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ZarrFormatException">
    /// The document is not valid JSON or not valid v3 array metadata (or describes a group); the message names
    /// the file, the field and what is allowed.
    /// </exception>
    public static new ZarrV3Metadata Parse(ReadOnlySpan<byte> json, string source)
    {
        JsonObject root = ZarrJson.ParseObject(json, source);
        return ReadNodeType(root, source) == "array"
            ? ParseCore(root, source)
            : throw new ZarrFormatException($"'{source}': node_type is 'group'; expected 'array'. Open it as a group instead.");
    }

    /// <inheritdoc/>
    public override JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["shape"] = new JsonArray([.. Shape.Select(s => (JsonNode)s)]),
            ["data_type"] = V3DataTypes.GetName(DataType),
            ["chunk_grid"] = new JsonObject
            {
                ["name"] = "regular",
                ["configuration"] = new JsonObject { ["chunk_shape"] = new JsonArray([.. ChunkShape.Select(c => (JsonNode)c)]) },
            },
            ["chunk_key_encoding"] = ChunkKeyEncoding.ToJson(),
            ["fill_value"] = FillValue.Json.DeepClone(),
            ["codecs"] = new JsonArray([.. Codecs.Select(c => (JsonNode)c.ToJson())]),
            ["attributes"] = Attributes.DeepClone(),
        };
        if (DimensionNames is not null)
        {
            json["dimension_names"] = new JsonArray([.. DimensionNames.Select(n => n is null ? null : (JsonNode)n)]);
        }

        return json;
    }

    /// <summary>Whether both documents describe the same array (arrays and JSON compared by value).</summary>
    public bool Equals(ZarrV3Metadata? other) =>
        other is not null && base.Equals(other)
        && Shape.AsSpan().SequenceEqual(other.Shape) && ChunkShape.AsSpan().SequenceEqual(other.ChunkShape)
        && DataType == other.DataType && ChunkKeyEncoding == other.ChunkKeyEncoding
        && FillValue.Element.SequenceEqual(other.FillValue.Element) && Codecs.SequenceEqual(other.Codecs)
        && (DimensionNames is null ? other.DimensionNames is null : other.DimensionNames is not null && DimensionNames.SequenceEqual(other.DimensionNames));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Shape.Length, DataType);

    internal static ZarrV3Metadata ParseCore(JsonObject root, string source)
    {
        V3Json.CheckFields(root, KnownFields, "array", source);

        long[] shape = ZarrJson.GetLongArray(root, "shape", source);
        if (Array.FindIndex(shape, s => s < 0) is var negative and >= 0)
        {
            throw new ZarrFormatException($"'{source}': shape {V3Json.FormatList(shape)} must be non-negative (axis {negative}).");
        }

        string typeName = V3Json.GetString(root, "data_type", $"one of {V3DataTypes.SupportedNames}", source);
        if (!V3DataTypes.TryParse(typeName, out var dataType))
        {
            throw new ZarrFormatException($"'{source}': data_type '{typeName}' is not supported; expected one of {V3DataTypes.SupportedNames}.");
        }

        int[] chunkShape = ParseChunkGrid(root["chunk_grid"], shape, source);
        var encoding = ChunkKeyEncoding.Parse(root["chunk_key_encoding"], source);

        V3FillValue fill;
        try
        {
            fill = V3FillValue.Parse(root["fill_value"], dataType);
        }
        catch (FormatException ex)
        {
            throw new ZarrFormatException($"'{source}': {ex.Message}", ex);
        }

        if (root["storage_transformers"] is { } transformers && transformers is not JsonArray { Count: 0 })
        {
            throw new ZarrFormatException($"'{source}': storage transformers are not supported; field 'storage_transformers' must be absent or [] but is {transformers.ToJsonString()}.");
        }

        return new ZarrV3Metadata
        {
            Shape = shape,
            ChunkShape = chunkShape,
            DataType = dataType,
            ChunkKeyEncoding = encoding,
            FillValue = fill,
            Codecs = ParseCodecs(root["codecs"], source),
            DimensionNames = ParseDimensionNames(root["dimension_names"], shape.Length, source),
            Attributes = V3Json.ReadAttributes(root, source),
        };
    }

    private static int[] ParseChunkGrid(JsonNode? node, long[] shape, string source)
    {
        var (name, configuration, _) = V3Json.ReadNamed(node, "chunk_grid", source);
        if (name != "regular")
        {
            throw new ZarrFormatException($"'{source}': chunk_grid '{name}' is not supported; expected 'regular'.");
        }

        if (configuration is null || configuration.Count != 1 || configuration["chunk_shape"] is null)
        {
            throw new ZarrFormatException($"'{source}': chunk_grid 'regular' needs a configuration holding only chunk_shape, e.g. {{\"chunk_shape\": [64, 64]}}; found {V3Json.Describe(configuration)}.");
        }

        long[] chunks = ZarrJson.GetLongArray(configuration, "chunk_shape", source);
        if (chunks.Length != shape.Length)
        {
            throw new ZarrFormatException($"'{source}': chunk_grid chunk_shape {V3Json.FormatList(chunks)} has {chunks.Length} dimensions but shape {V3Json.FormatList(shape)} has {shape.Length}; give one chunk size per dimension.");
        }

        if (Array.FindIndex(chunks, c => c is <= 0 or > int.MaxValue) is var bad and >= 0)
        {
            throw new ZarrFormatException($"'{source}': chunk_grid chunk_shape {V3Json.FormatList(chunks)} must hold positive sizes up to {int.MaxValue} (axis {bad}).");
        }

        return Array.ConvertAll(chunks, c => (int)c);
    }

    private static V3Codec[] ParseCodecs(JsonNode? node, string source)
    {
        if (node is not JsonArray { Count: > 0 } array)
        {
            throw new ZarrFormatException($"'{source}': field 'codecs' must be a non-empty list such as [{{\"name\": \"bytes\", \"configuration\": {{\"endian\": \"little\"}}}}]; found {V3Json.Describe(node)}.");
        }

        var codecs = new V3Codec[array.Count];
        for (int i = 0; i < codecs.Length; i++)
        {
            var (name, configuration, mustUnderstand) = V3Json.ReadNamed(array[i], $"codecs[{i}]", source);
            codecs[i] = new V3Codec(name, configuration) { MustUnderstand = mustUnderstand };
        }

        return codecs;
    }

    private static string?[]? ParseDimensionNames(JsonNode? node, int rank, string source)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array || array.Count != rank)
        {
            throw new ZarrFormatException($"'{source}': field 'dimension_names' must be a list of {rank} strings or nulls (one per dimension); found {node.ToJsonString()}.");
        }

        var names = new string?[rank];
        for (int i = 0; i < rank; i++)
        {
            names[i] = array[i] switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                var other => throw new ZarrFormatException($"'{source}': field 'dimension_names' element {i} must be a string or null; found {other.ToJsonString()}."),
            };
        }

        return names;
    }
}
