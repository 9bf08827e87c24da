using Tessera.Codecs;
using Tessera.DataTypes;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr.Formats;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs;
using Tessera.Zarr.V3.Codecs.Sharding;

namespace Tessera.Zarr;

/// <summary>
/// A Zarr array, v2 (<c>.zarray</c>) or v3 (<c>zarr.json</c>): its metadata, parsed and validated once, and
/// its prepared codecs. Chunk and region reads and writes are in the partial files <c>ZarrArray.Chunks.cs</c>,
/// <c>ZarrArray.Regions.cs</c> and <c>ZarrArray.Shards.cs</c>. A "chunk" here is what the metadata's chunk
/// grid names one, the unit stored under one key; for a sharded v3 array that is a whole shard, and region
/// reads fetch only the inner chunks they need. Instances are immutable and thread-safe; chunks may be read
/// and written concurrently.
/// </summary>
public sealed partial class ZarrArray : ZarrNode
{
    private readonly ChunkFormat _format;
    private readonly long[] _shape;

    private ZarrArray(IStore store, string path, ZarrV2Metadata? v2, ZarrV3Metadata? v3, ChunkFormat format)
        : base(store, path, v2 is null ? ZarrFormat.V3 : ZarrFormat.V2)
    {
        V2Metadata = v2;
        V3Metadata = v3;
        _format = format;
        _shape = v2?.Shape ?? v3!.Shape;
        int[] chunks = v2?.Chunks ?? v3!.ChunkShape;
        DataType = v2?.DataType ?? v3!.DataType;
        Grid = new ChunkGrid(_shape, chunks);
        ChunkByteCount = (format as ShardedChunkFormat)?.Sharding.ShardByteCount ?? (Grid.ChunkLength * DataType.ItemSize);
    }

    /// <summary>The parsed <c>.zarray</c> document of a v2 array; null for v3.</summary>
    public ZarrV2Metadata? V2Metadata { get; }

    /// <summary>The parsed <c>zarr.json</c> document of a v3 array (as opened or created); null for v2.</summary>
    public ZarrV3Metadata? V3Metadata { get; }

    /// <summary>The chunk grid over the array (for a sharded array, the grid of shards).</summary>
    public ChunkGrid Grid { get; }

    /// <summary>The element type (in the machine's byte order once read).</summary>
    public DataType DataType { get; }

    /// <summary>The size of each dimension.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>The shape of every chunk (of every shard, for a sharded array).</summary>
    public ReadOnlySpan<int> ChunkShape => Grid.ChunkShape;

    /// <summary>The shape of the inner chunks of a sharded v3 array; null when the array is not sharded.</summary>
    public IReadOnlyList<int>? InnerChunkShape => Sharding?.InnerChunkShape;

    /// <summary>The v3 <c>dimension_names</c>, or null when the array has none (always for v2).</summary>
    public IReadOnlyList<string?>? DimensionNames => V3Metadata?.DimensionNames;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>
    /// The bytes of one decoded chunk (whole chunk shape, also at edges). For a sharded v3 array this is a whole
    /// shard, which may exceed what one .NET array holds (<see cref="WholeChunksFit"/> is then false).
    /// </summary>
    public long ChunkByteCount { get; }

    /// <summary>
    /// Whether a whole decoded chunk (shard) fits one .NET array, so that <see cref="ReadChunkAsync"/>,
    /// <see cref="WriteChunkAsync"/> and region writes work. Always true for unsharded arrays (larger chunks are
    /// refused at open); false for sharded arrays with shards over <see cref="Array.MaxLength"/> bytes, which are
    /// read-only in Tessera: their regions are read inner chunk by inner chunk.
    /// </summary>
    public bool WholeChunksFit => ChunkByteCount <= Array.MaxLength;

    /// <summary>The bytes of one decoded chunk (whole chunk shape, also at edges), as a buffer length.</summary>
    /// <exception cref="ZarrFormatException">The array's chunks (shards) are larger than one buffer (<see cref="WholeChunksFit"/> is false); use <see cref="ChunkByteCount"/>.</exception>
    public int ChunkByteLength => WholeChunksFit ? (int)ChunkByteCount : throw WholeChunksTooLarge(null);

    /// <summary>The fill value's element bytes, in the machine's byte order.</summary>
    public ReadOnlySpan<byte> FillElement => _format.FillElement;

    /// <summary>
    /// Whether the fill value is defined: always in v3; in v2 unless <c>fill_value</c> is null, when readers
    /// may fill never-written chunks with anything, so chunks of zeros must be stored.
    /// </summary>
    public bool HasDefinedFill => V2Metadata is null || V2Metadata.FillValue.Json is not null;

    private ShardingCodec? Sharding => (_format as ShardedChunkFormat)?.Sharding;

    /// <summary>Opens the array in folder <paramref name="folder"/>.</summary>
    /// <exception cref="TesseraException">The folder does not exist or is not a Zarr array.</exception>
    public static new async Task<ZarrArray> OpenAsync(string folder, CancellationToken cancellationToken = default) =>
        await ZarrNode.OpenAsync(folder, cancellationToken).ConfigureAwait(false) as ZarrArray
            ?? throw new ZarrFormatException($"'{folder}' is a Zarr group, not an array. Pass the folder of one of its arrays.");

    /// <summary>Opens the v2 or v3 array at <paramref name="path"/> of <paramref name="store"/>.</summary>
    /// <exception cref="ZarrFormatException">The metadata is missing, malformed or unsupported, or describes a group.</exception>
    public static async Task<ZarrArray> OpenAsync(IStore store, string path, CodecRegistry? codecs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string v2Key = StoreKey.Join(path, ZarrV2Metadata.ArrayKey);
        using var v2 = await store.GetAsync(v2Key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (v2 is not null)
        {
            var metadata = ZarrV2Metadata.Parse(v2.Span, store.Describe(v2Key));
            return new ZarrArray(store, path, metadata, null, PrepareV2(metadata, codecs, store.Describe(v2Key)));
        }

        string v3Key = StoreKey.Join(path, ZarrV3Node.MetadataKey);
        using var v3 = await store.GetAsync(v3Key, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new ZarrFormatException($"'{store.Describe(path)}' is not a Zarr array: it has neither {ZarrV2Metadata.ArrayKey} (v2) nor {ZarrV3Node.MetadataKey} (v3).");
        var v3Metadata = ZarrV3Metadata.Parse(v3.Span, store.Describe(v3Key));
        return new ZarrArray(store, path, null, v3Metadata, PrepareV3(v3Metadata, store.Describe(v3Key)));
    }

    /// <summary>
    /// Creates a v2 array at <paramref name="path"/>. With <paramref name="writeMetadata"/> false, the
    /// <c>.zarray</c> document is not written until <see cref="WriteMetadataAsync"/>, so that a reader
    /// never takes a half-written array for a complete one.
    /// </summary>
    /// <exception cref="ZarrFormatException">The compressor configuration is invalid.</exception>
    public static async Task<ZarrArray> CreateAsync(IStore store, string path, ZarrV2Metadata metadata, bool writeMetadata = true, CodecRegistry? codecs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metadata);
        var array = new ZarrArray(store, path, metadata, null, PrepareV2(metadata, codecs, store.Describe(path)));
        if (writeMetadata)
        {
            await array.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        }

        return array;
    }

    /// <summary>
    /// Creates a v3 array at <paramref name="path"/>; <paramref name="writeMetadata"/> as for the v2 overload
    /// (the document is <c>zarr.json</c>, attributes included).
    /// </summary>
    /// <exception cref="ZarrFormatException">A codec is unknown or its configuration is invalid.</exception>
    public static async Task<ZarrArray> CreateAsync(IStore store, string path, ZarrV3Metadata metadata, bool writeMetadata = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metadata);
        var array = new ZarrArray(store, path, null, metadata, PrepareV3(metadata, store.Describe(StoreKey.Join(path, ZarrV3Node.MetadataKey))));
        if (writeMetadata)
        {
            await array.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        }

        return array;
    }

    /// <summary>
    /// Writes the metadata document: <c>.zarray</c> for v2, <c>zarr.json</c> for v3 (with the attributes of
    /// <see cref="V3Metadata"/>, replacing any written since).
    /// </summary>
    public async Task WriteMetadataAsync(CancellationToken cancellationToken = default)
    {
        var (key, document) = V2Metadata is { } v2
            ? (ZarrV2Metadata.ArrayKey, v2.ToJson())
            : (ZarrV3Node.MetadataKey, V3Metadata!.ToJson());
        await Store.SetAsync(StoreKey.Join(Path, key), ZarrJson.ToBytes(document), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fills <paramref name="destination"/> with the fill value.</summary>
    public void Fill(Span<byte> destination) => _format.Fill(destination);

    private static V2ChunkFormat PrepareV2(ZarrV2Metadata metadata, CodecRegistry? codecs, string source)
    {
        CheckChunkSize(metadata.Chunks, metadata.DataType, "chunks", source);
        if (metadata.Compressor is null)
        {
            return new V2ChunkFormat(metadata, null);
        }

        try
        {
            return new V2ChunkFormat(metadata, (codecs ?? CodecRegistry.Default).Create(metadata.Compressor, metadata.DataType));
        }
        catch (CodecException ex)
        {
            throw new ZarrFormatException($"'{source}': compressor: {ex.Message}", ex);
        }
    }

    private static ChunkFormat PrepareV3(ZarrV3Metadata metadata, string source)
    {
        // Shards may be larger than one buffer: ShardingCodec checks that the index and one inner chunk fit, and
        // such arrays are read inner chunk by inner chunk (see WholeChunksFit).
        bool sharded = ShardingCodec.IsSharded(metadata.Codecs);
        if (!sharded)
        {
            CheckChunkSize(metadata.ChunkShape, metadata.DataType, "chunk_grid chunk_shape", source);
        }

        try
        {
            return sharded
                ? new ShardedChunkFormat(metadata, ShardingCodec.Create(metadata.Codecs, metadata.DataType, metadata.ChunkShape, source))
                : new V3ChunkFormat(metadata, V3CodecPipeline.Create(metadata.Codecs, metadata.DataType, metadata.ChunkShape, source));
        }
        catch (CodecException ex)
        {
            throw new ZarrFormatException($"'{source}': codecs: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The error for whole-chunk operations on an array whose shards are larger than one buffer, naming the
    /// metadata file and, when given, the shard's file.
    /// </summary>
    private ZarrFormatException WholeChunksTooLarge(string? shardKey)
    {
        string metadata = Store.Describe(StoreKey.Join(Path, ZarrV3Node.MetadataKey));
        string shard = shardKey is null ? string.Empty : $" (shard '{Store.Describe(shardKey)}')";
        return new ZarrFormatException(
            $"'{metadata}'{shard}: shards of {ShapeMath.Format(ChunkShape)} {DataType.Name} hold {ChunkByteCount} bytes decoded, larger than Tessera can hold whole ({Array.MaxLength} bytes), " +
            "so the array is read-only in Tessera: regions are read inner chunk by inner chunk, but whole shards cannot be read, and nothing can be written. " +
            $"To write it, rewrite the array with smaller shards (each at most {Array.MaxLength} bytes decoded).");
    }

    /// <summary>Refuses chunks (shards) whose decoded bytes exceed what one .NET array holds, naming the file and field.</summary>
    private static void CheckChunkSize(int[] chunks, DataType dataType, string field, string source)
    {
        long bytes = ShapeMath.Product(chunks) * dataType.ItemSize;
        if (bytes > Array.MaxLength)
        {
            throw new ZarrFormatException(
                $"'{source}': {field} {ShapeMath.Format<int>(chunks)} of {dataType.Name} holds {bytes} bytes decoded; Tessera reads and writes chunks (and shards) of up to {Array.MaxLength} bytes. Rewrite the array with smaller chunks or shards.");
        }
    }
}
