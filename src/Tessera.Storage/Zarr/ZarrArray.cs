using Tessera.Codecs;
using Tessera.DataTypes;
using Tessera.Shapes;
using Tessera.Stores;

namespace Tessera.Zarr;

/// <summary>
/// A Zarr v2 array: its metadata, parsed and validated once, and the prepared codec. Chunk and region
/// reads and writes are in the partial files <c>ZarrArray.Chunks.cs</c> and <c>ZarrArray.Regions.cs</c>.
/// Instances are immutable and thread-safe; chunks may be read and written concurrently.
/// </summary>
public sealed partial class ZarrArray : ZarrNode
{
    private ZarrArray(IStore store, string path, ZarrV2Metadata metadata, IBytesToBytesCodec? compressor)
        : base(store, path)
    {
        Metadata = metadata;
        Compressor = compressor;
        Grid = new ChunkGrid(metadata.Shape, metadata.Chunks);
        ChunkByteLength = checked((int)(Grid.ChunkLength * metadata.DataType.ItemSize));
    }

    /// <summary>The parsed <c>.zarray</c> document.</summary>
    public ZarrV2Metadata Metadata { get; }

    /// <summary>The prepared compressor, or null when chunks are stored raw.</summary>
    public IBytesToBytesCodec? Compressor { get; }

    /// <summary>The chunk grid over the array.</summary>
    public ChunkGrid Grid { get; }

    /// <summary>The stored element type.</summary>
    public DataType DataType => Metadata.DataType;

    /// <summary>The size of each dimension.</summary>
    public ReadOnlySpan<long> Shape => Metadata.Shape;

    /// <summary>The shape of every chunk.</summary>
    public ReadOnlySpan<int> ChunkShape => Metadata.Chunks;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Metadata.Shape.Length;

    /// <summary>The bytes of one decoded chunk (whole chunk shape, also at edges).</summary>
    public int ChunkByteLength { get; }

    /// <summary>Opens the array in folder <paramref name="folder"/>.</summary>
    /// <exception cref="TesseraException">The folder does not exist or is not a Zarr v2 array.</exception>
    public static new async Task<ZarrArray> OpenAsync(string folder, CancellationToken cancellationToken = default) =>
        await ZarrNode.OpenAsync(folder, cancellationToken).ConfigureAwait(false) as ZarrArray
            ?? throw new ZarrFormatException($"'{folder}' is a Zarr group, not an array. Pass the folder of one of its arrays.");

    /// <summary>Opens the array at <paramref name="path"/> of <paramref name="store"/>.</summary>
    /// <exception cref="ZarrFormatException">The metadata is missing, malformed or unsupported.</exception>
    public static async Task<ZarrArray> OpenAsync(IStore store, string path, CodecRegistry? codecs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string key = StoreKey.Join(path, ZarrV2Metadata.ArrayKey);
        ZarrV2Metadata metadata;
        using (var value = await ReadRequiredAsync(store, key, cancellationToken).ConfigureAwait(false))
        {
            metadata = ZarrV2Metadata.Parse(value.Span, store.Describe(key));
        }

        return new ZarrArray(store, path, metadata, PrepareCompressor(metadata, codecs, store.Describe(key)));
    }

    /// <summary>
    /// Creates an array at <paramref name="path"/>. With <paramref name="writeMetadata"/> false, the
    /// <c>.zarray</c> document is not written until <see cref="WriteMetadataAsync"/>, so that a reader
    /// never takes a half-written array for a complete one.
    /// </summary>
    /// <exception cref="CodecException">The compressor configuration is invalid.</exception>
    public static async Task<ZarrArray> CreateAsync(IStore store, string path, ZarrV2Metadata metadata, bool writeMetadata = true, CodecRegistry? codecs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metadata);
        var array = new ZarrArray(store, path, metadata, PrepareCompressor(metadata, codecs, store.Describe(path)));
        if (writeMetadata)
        {
            await array.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        }

        return array;
    }

    /// <summary>Writes the <c>.zarray</c> document.</summary>
    public async Task WriteMetadataAsync(CancellationToken cancellationToken = default) =>
        await Store.SetAsync(StoreKey.Join(Path, ZarrV2Metadata.ArrayKey), ZarrJson.ToBytes(Metadata.ToJson()), cancellationToken).ConfigureAwait(false);

    private static IBytesToBytesCodec? PrepareCompressor(ZarrV2Metadata metadata, CodecRegistry? codecs, string source)
    {
        if (metadata.Compressor is null)
        {
            return null;
        }

        try
        {
            return (codecs ?? CodecRegistry.Default).Create(metadata.Compressor, metadata.DataType);
        }
        catch (CodecException ex)
        {
            throw new ZarrFormatException($"'{source}': compressor: {ex.Message}", ex);
        }
    }
}
