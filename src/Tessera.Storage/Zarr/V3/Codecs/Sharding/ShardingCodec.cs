using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Codecs;
using Tessera.DataTypes;
using Tessera.Stores;

namespace Tessera.Zarr.V3.Codecs.Sharding;

/// <summary>
/// The prepared v3 <c>sharding_indexed</c> codec (codecs/sharding-indexed v1.0): a chunk of the array (a shard) is
/// split into a grid of inner chunks, each encoded with the inner <c>codecs</c> and stored one after another, with an
/// index of (offset, nbytes) pairs at the start or end of the shard so that one inner chunk can be read alone.
/// Created once per array from its metadata; immutable and thread-safe.
/// </summary>
/// <remarks>
/// The index is encoded with <c>index_codecs</c>, which Tessera limits to <c>bytes</c> and an optional <c>crc32c</c>:
/// they give a fixed-size index (<see cref="IndexByteLength"/>), which partial reads fetch with one ranged get.
/// </remarks>
public sealed partial class ShardingCodec
{
    /// <summary>The codec name in metadata.</summary>
    public const string CodecName = "sharding_indexed";

    // Each index entry is two uint64: offset, then nbytes.
    private const int EntrySize = 2 * sizeof(ulong);

    private static readonly DataType IndexType = DataType.For<ulong>();

    private readonly int[] _shardShape;
    private readonly int[] _innerShape;
    private readonly int[] _innerGrid;
    private readonly bool _indexBigEndian;
    private readonly bool _indexChecksum;
    private readonly int _itemSize;

    private ShardingCodec(int[] shardShape, int[] innerShape, V3CodecPipeline innerCodecs, bool indexAtStart, bool indexBigEndian, bool indexChecksum)
    {
        _shardShape = shardShape;
        _innerShape = innerShape;
        _innerGrid = new int[shardShape.Length];
        for (int axis = 0; axis < shardShape.Length; axis++)
        {
            _innerGrid[axis] = shardShape[axis] / innerShape[axis];
        }

        InnerCodecs = innerCodecs;
        IndexAtStart = indexAtStart;
        _indexBigEndian = indexBigEndian;
        _indexChecksum = indexChecksum;
        _itemSize = innerCodecs.DataType.ItemSize;
        InnerChunkCount = (int)Product(_innerGrid);
        IndexByteLength = (InnerChunkCount * EntrySize) + (indexChecksum ? Crc32CCodec.ChecksumSize : 0);
        long elements = Product(shardShape);
        ShardByteCount = elements > long.MaxValue / _itemSize ? long.MaxValue : elements * _itemSize;
    }

    /// <summary>The shape of a shard: the array's chunk shape (its <c>chunk_grid</c>).</summary>
    public IReadOnlyList<int> ShardShape => _shardShape;

    /// <summary>The shape of an inner chunk (<c>chunk_shape</c> in the codec's configuration).</summary>
    public IReadOnlyList<int> InnerChunkShape => _innerShape;

    /// <summary>The number of inner chunks along each axis of a shard: <see cref="ShardShape"/> / <see cref="InnerChunkShape"/>.</summary>
    public IReadOnlyList<int> InnerGridShape => _innerGrid;

    /// <summary>The number of inner chunks in a shard, and so of entries in its index.</summary>
    public int InnerChunkCount { get; }

    /// <summary>The codecs of the inner chunks (<c>codecs</c> in the configuration), for chunks of <see cref="InnerChunkShape"/>.</summary>
    public V3CodecPipeline InnerCodecs { get; }

    /// <summary>Whether the index is at the start of the shard (<c>index_location: "start"</c>) rather than the end.</summary>
    public bool IndexAtStart { get; }

    /// <summary>The size of the encoded index in bytes: 16 per inner chunk, plus 4 with <c>crc32c</c>.</summary>
    public int IndexByteLength { get; }

    /// <summary>Where the encoded index lies in a stored shard: its first or its last <see cref="IndexByteLength"/> bytes.</summary>
    public ByteRange IndexRange => IndexAtStart ? ByteRange.FromOffset(0, IndexByteLength) : ByteRange.Suffix(IndexByteLength);

    /// <summary>
    /// The size of a decoded shard in bytes: the product of <see cref="ShardShape"/> times the item size. It may exceed
    /// what one .NET array holds (<see cref="FitsOneBuffer"/> is then false); parts of such shards are still read inner
    /// chunk by inner chunk.
    /// </summary>
    public long ShardByteCount { get; }

    /// <summary>Whether a decoded shard fits one .NET array, so that whole shards can be encoded and decoded.</summary>
    public bool FitsOneBuffer => ShardByteCount <= Array.MaxLength;

    /// <summary>The size of a decoded shard in bytes, for shards that fit one buffer (<see cref="FitsOneBuffer"/>).</summary>
    /// <exception cref="InvalidOperationException">A decoded shard is larger than one .NET array holds; use <see cref="ShardByteCount"/>.</exception>
    public int ShardByteLength => FitsOneBuffer
        ? (int)ShardByteCount
        : throw new InvalidOperationException(
            $"A decoded shard of shape [{string.Join(", ", _shardShape)}] holds {ShardByteCount} bytes, more than one .NET array holds ({Array.MaxLength} bytes), " +
            "so whole shards cannot be encoded or decoded; read parts of it inner chunk by inner chunk, or rewrite the array with smaller shards.");

    /// <summary>
    /// The <c>sharding_indexed</c> entry of a codecs list that stores each chunk as a shard of inner chunks of
    /// <paramref name="innerChunkShape"/>, each encoded with <paramref name="innerCodecs"/>; the index is at the
    /// end, little-endian with crc32c, as zarr-python writes it.
    /// </summary>
    public static V3Codec Describe(int[] innerChunkShape, IReadOnlyList<V3Codec> innerCodecs)
    {
        ArgumentNullException.ThrowIfNull(innerChunkShape);
        ArgumentNullException.ThrowIfNull(innerCodecs);
        return new V3Codec(CodecName, new JsonObject
        {
            ["chunk_shape"] = new JsonArray([.. innerChunkShape.Select(c => (JsonNode)c)]),
            ["codecs"] = new JsonArray([.. innerCodecs.Select(c => (JsonNode)c.ToJson())]),
            ["index_codecs"] = new JsonArray(
                new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } },
                new JsonObject { ["name"] = "crc32c" }),
            ["index_location"] = "end",
        });
    }

    /// <summary>Whether <paramref name="codecs"/> (an array's <c>codecs</c> list) holds a <c>sharding_indexed</c> codec.</summary>
    public static bool IsSharded(IReadOnlyList<V3Codec> codecs)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        return codecs.Any(c => c?.Name == CodecName);
    }

    /// <summary>Resolves and validates the <c>sharding_indexed</c> codec of an array whose chunks (shards) have <paramref name="shardShape"/>.</summary>
    /// <param name="codecs">The array's codecs in metadata order; <c>sharding_indexed</c> must be the only one.</param>
    /// <param name="dataType">The array's data type.</param>
    /// <param name="shardShape">The array's chunk shape, which is the shard shape.</param>
    /// <param name="source">The metadata file, named in errors.</param>
    /// <exception cref="ZarrFormatException">
    /// Other codecs come before or after <c>sharding_indexed</c>; a configuration field is missing or invalid; the inner
    /// <c>chunk_shape</c> does not divide the shard shape; the inner codecs are invalid or shard again; or
    /// <c>index_codecs</c> is not <c>[bytes]</c> or <c>[bytes, crc32c]</c>. Messages name the file, the codec and the field.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="codecs"/> holds no <c>sharding_indexed</c> codec, or a shard extent is not positive.</exception>
    public static ShardingCodec Create(IReadOnlyList<V3Codec> codecs, DataType dataType, int[] shardShape, string source)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        ArgumentNullException.ThrowIfNull(shardShape);
        ArgumentNullException.ThrowIfNull(source);
        if (!IsSharded(codecs))
        {
            throw new ArgumentException($"The codecs [{string.Join(", ", codecs.Select(c => c.Name))}] hold no '{CodecName}' codec; check IsSharded first.", nameof(codecs));
        }

        foreach (int extent in shardShape)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(extent, nameof(shardShape));
        }

        if (codecs.Count != 1)
        {
            throw new ZarrFormatException(
                $"'{source}': codec '{CodecName}' must be the only codec of a sharded array; found [{string.Join(", ", codecs.Select(c => c.Name))}]. " +
                $"Tessera reads parts of shards, which codecs before or after sharding would prevent; move them into the '{CodecName}' configuration's 'codecs' (applied to each inner chunk), or rewrite the array.");
        }

        var config = new V3CodecConfig(codecs[0].Configuration, CodecName, source);
        config.CheckKeys("chunk_shape", "codecs", "index_codecs", "index_location");
        int[] innerShape = ReadInnerShape(config, shardShape);
        long innerChunks = Product([.. innerShape.Select((extent, axis) => shardShape[axis] / extent)]);
        // A whole decoded shard may exceed one .NET array: partial reads hold only the index and one inner chunk,
        // and those must fit.
        if (Product(innerShape) > Array.MaxLength / dataType.ItemSize || innerChunks > (Array.MaxLength - Crc32CCodec.ChecksumSize) / EntrySize)
        {
            throw config.Error(
                $"a shard of shape [{string.Join(", ", shardShape)}] ({dataType.Name}) with inner chunks of [{string.Join(", ", innerShape)}] is too large: Tessera holds a decoded inner chunk and the shard's index (16 bytes per inner chunk) in memory, up to {Array.MaxLength} bytes each. Use smaller inner chunks, fewer inner chunks per shard, or smaller shards.");
        }

        var innerCodecs = CreateInnerCodecs(config, dataType, innerShape, source);
        var (indexBigEndian, indexChecksum) = ReadIndexCodecs(config, source);
        bool indexAtStart = config.GetString("index_location", ["start", "end"], fallback: "end") == "start";
        return new ShardingCodec((int[])shardShape.Clone(), innerShape, innerCodecs, indexAtStart, indexBigEndian, indexChecksum);
    }

    // codecs/sharding-indexed, "Configuration parameters": chunk_shape has one entry per array axis and each divides
    // the shard's extent, so the shard is an exact grid of inner chunks.
    private static int[] ReadInnerShape(V3CodecConfig config, int[] shardShape)
    {
        var node = config.Get("chunk_shape");
        string shard = $"[{string.Join(", ", shardShape)}]";
        string expected = $"a list of {shardShape.Length} positive integers, one per array axis, that divide the shard shape {shard} (the chunk_grid's chunk_shape)";
        if (node is not JsonArray array || array.Count != shardShape.Length)
        {
            throw config.Error($"field 'chunk_shape' must be {expected}; found {V3Json.Describe(node)}.");
        }

        var shape = new int[array.Count];
        for (int axis = 0; axis < shape.Length; axis++)
        {
            if (array[axis] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out shape[axis]) || shape[axis] <= 0)
            {
                throw config.Error($"field 'chunk_shape' is {V3Json.Describe(node)}; entry {axis} is not a positive integer. Expected {expected}.");
            }
        }

        for (int axis = 0; axis < shape.Length; axis++)
        {
            if (shardShape[axis] % shape[axis] != 0)
            {
                throw config.Error(
                    $"field 'chunk_shape' [{string.Join(", ", shape)}] does not divide the shard shape {shard} (the chunk_grid's chunk_shape) along axis {axis}: " +
                    $"{shardShape[axis]} is not a multiple of {shape[axis]}. Choose inner chunk sizes that divide the shard's.");
            }
        }

        return shape;
    }

    private static V3CodecPipeline CreateInnerCodecs(V3CodecConfig config, DataType dataType, int[] innerShape, string source)
    {
        var codecs = ReadCodecList(config, "codecs", source);
        if (codecs.Any(c => c.Name == CodecName))
        {
            throw config.Error(
                $"field 'codecs' holds '{CodecName}' again: nested sharding is not supported. Rewrite the array with one level of sharding.");
        }

        try
        {
            return V3CodecPipeline.Create(codecs, dataType, innerShape, source);
        }
        catch (ZarrFormatException ex)
        {
            throw new ZarrFormatException($"{ex.Message} (The codec is in the 'codecs' of '{CodecName}', which encode each inner chunk.)", ex);
        }
    }

    // Tessera reads the index with one ranged get of a known size, so index_codecs must give a fixed-size encoding;
    // [bytes] and [bytes, crc32c] are what zarr-python, zarrs and tensorstore write.
    private static (bool BigEndian, bool Checksum) ReadIndexCodecs(V3CodecConfig config, string source)
    {
        var codecs = ReadCodecList(config, "index_codecs", source);
        bool supported = codecs.Length is 1 or 2 && codecs[0].Name == BytesCodec.CodecName
            && (codecs.Length == 1 || codecs[1].Name == Crc32CCodec.CodecId);
        if (!supported)
        {
            throw config.Error(
                $"field 'index_codecs' is [{string.Join(", ", codecs.Select(c => c.Name))}]; Tessera reads shard indexes encoded with [bytes] or [bytes, crc32c], " +
                "whose fixed size lets it read the index alone. Rewrite the array with index_codecs [{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}, {\"name\": \"crc32c\"}].");
        }

        // The codec label reads "codec 'sharding_indexed' index_codecs[0] 'bytes': ..." in V3CodecConfig's errors.
        var bytes = BytesCodec.Parse(new V3CodecConfig(codecs[0].Configuration, $"{CodecName}' index_codecs[0] '{BytesCodec.CodecName}", source), IndexType);
        if (codecs.Length == 2)
        {
            new V3CodecConfig(codecs[1].Configuration, $"{CodecName}' index_codecs[1] '{Crc32CCodec.CodecId}", source).CheckKeys();
        }

        return (bytes.BigEndian, codecs.Length == 2);
    }

    private static V3Codec[] ReadCodecList(V3CodecConfig config, string field, string source)
    {
        var node = config.Get(field);
        if (node is not JsonArray { Count: > 0 } array)
        {
            throw config.Error(
                $"field '{field}' must be a non-empty list of codecs such as [{{\"name\": \"bytes\", \"configuration\": {{\"endian\": \"little\"}}}}]; found {V3Json.Describe(node)}.");
        }

        return [.. array.Select((entry, i) =>
        {
            var (name, configuration, mustUnderstand) = V3Json.ReadNamed(entry, $"{CodecName} {field}[{i}]", source);
            return new V3Codec(name, configuration) { MustUnderstand = mustUnderstand };
        })];
    }

    // Saturates at long.MaxValue so that absurd shapes from metadata fail the size check instead of wrapping around.
    private static long Product(int[] shape)
    {
        long product = 1;
        foreach (int extent in shape)
        {
            product = extent == 0 ? 0 : product > long.MaxValue / extent ? long.MaxValue : product * extent;
        }

        return product;
    }
}
