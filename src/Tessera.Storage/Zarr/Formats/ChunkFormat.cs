using Tessera.DataTypes;
using Tessera.Stores;

namespace Tessera.Zarr.Formats;

/// <summary>
/// How one array's chunks map to stored values: the key of each chunk, and the encoding of a whole chunk
/// (C-order elements in the machine's byte order) to the bytes stored under that key and back. One per
/// array, prepared from its metadata; immutable and thread-safe.
/// </summary>
internal abstract class ChunkFormat
{
    /// <summary>The element bytes of the fill value.</summary>
    public abstract ReadOnlySpan<byte> FillElement { get; }

    /// <summary>The key of chunk <paramref name="chunkIndex"/>, relative to the array.</summary>
    public abstract string ChunkKey(ReadOnlySpan<long> chunkIndex);

    /// <summary>Encodes a whole chunk; dispose the result.</summary>
    /// <exception cref="Codecs.CodecException">A codec cannot encode the chunk.</exception>
    public abstract StoreValue Encode(ReadOnlySpan<byte> chunk);

    /// <summary>
    /// Encodes a whole chunk whose bytes are gathered from elsewhere, into the same value as
    /// <see cref="Encode(ReadOnlySpan{byte})"/>; this default assembles the chunk first. Dispose the result.
    /// </summary>
    /// <exception cref="Codecs.CodecException">A codec cannot encode the chunk.</exception>
    public virtual StoreValue Encode(Codecs.IGatheredBytes chunk)
    {
        byte[] assembled = Buffers.BufferPool.Rent<byte>(chunk.Length);
        try
        {
            var bytes = assembled.AsSpan(0, chunk.Length);
            chunk.CopyTo(0, bytes);
            return Encode(bytes);
        }
        finally
        {
            Buffers.BufferPool.Return(assembled);
        }
    }

    /// <summary>Decodes stored chunk bytes into a whole chunk.</summary>
    /// <param name="stored">The stored value.</param>
    /// <param name="chunk">Receives the chunk.</param>
    /// <param name="chunkName">The chunk's key, array and file, for errors.</param>
    /// <param name="file">The stored value's file, for errors.</param>
    /// <exception cref="ZarrFormatException">The stored bytes are corrupt or decode to the wrong size.</exception>
    public abstract void Decode(ReadOnlySpan<byte> stored, Span<byte> chunk, string chunkName, string file);

    /// <summary>Fills <paramref name="destination"/> with the fill value.</summary>
    public void Fill(Span<byte> destination) => FillValue.Repeat(FillElement, destination);

    /// <summary>The message for a chunk that decoded to the wrong number of bytes.</summary>
    protected static string WrongLength(string chunkName, int length, int expected, ReadOnlySpan<int> chunkShape, DataType dataType) =>
        $"Chunk {chunkName} decoded to {length} bytes; expected {expected} (chunk shape {Shapes.ShapeMath.Format<int>(chunkShape)} × {dataType.ItemSize}-byte {dataType.Name}). The chunk is corrupt or was written with other metadata.";
}
