using System.Text;
using Tessera.Buffers;
using Tessera.Codecs;
using Tessera.DataTypes;
using Tessera.Shapes;
using Tessera.Stores;

namespace Tessera.Zarr;

/// <content>Reading and writing whole chunks: keys, decoding and encoding.</content>
public sealed partial class ZarrArray
{
    /// <summary>The store key of chunk <paramref name="chunkIndex"/>, e.g. <c>0.1.2</c> or <c>0/1/2</c>.</summary>
    public string ChunkKey(ReadOnlySpan<long> chunkIndex)
    {
        if (chunkIndex.Length == 0)
        {
            return StoreKey.Join(Path, "0");
        }

        var key = new StringBuilder();
        for (int i = 0; i < chunkIndex.Length; i++)
        {
            if (i > 0)
            {
                key.Append(Metadata.DimensionSeparator);
            }

            key.Append(chunkIndex[i]);
        }

        return StoreKey.Join(Path, key.ToString());
    }

    /// <summary>
    /// Reads chunk <paramref name="chunkIndex"/> into <paramref name="destination"/> (at least
    /// <see cref="ChunkByteLength"/> bytes) as C-order elements in the machine's byte order. A chunk that
    /// was never written is filled with the fill value; the result says whether it existed.
    /// </summary>
    /// <exception cref="ZarrFormatException">The stored chunk is corrupt, truncated or of the wrong size.</exception>
    public async ValueTask<bool> ReadChunkAsync(long[] chunkIndex, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        CheckChunkIndex(chunkIndex);
        var target = destination[..ChunkByteLength];
        string key = ChunkKey(chunkIndex);
        using var stored = await Store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            Metadata.FillValue.FillBytes(target.Span);
            return false;
        }

        DecodeChunk(key, stored.Span, target.Span);
        return true;
    }

    /// <summary>
    /// Encodes and stores chunk <paramref name="chunkIndex"/> from <paramref name="chunk"/>: a whole chunk
    /// (<see cref="ChunkByteLength"/> bytes) of C-order elements in the machine's byte order.
    /// </summary>
    public async ValueTask WriteChunkAsync(long[] chunkIndex, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        CheckChunkIndex(chunkIndex);
        if (chunk.Length < ChunkByteLength)
        {
            throw new ArgumentException($"A chunk of {Location} needs {ChunkByteLength} bytes; got {chunk.Length}.", nameof(chunk));
        }

        int capacity = Compressor?.GetMaxEncodedLength(ChunkByteLength) ?? ChunkByteLength;
        byte[] encoded = BufferPool.Rent<byte>(capacity);
        try
        {
            int length = EncodeChunk(chunk.Span[..ChunkByteLength], encoded);
            await Store.SetAsync(ChunkKey(chunkIndex), encoded.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            BufferPool.Return(encoded);
        }
    }

    private void DecodeChunk(string key, ReadOnlySpan<byte> stored, Span<byte> destination)
    {
        bool fortran = Metadata.Order == MemoryOrder.F && Rank > 1;
        byte[]? scratch = fortran ? BufferPool.Rent<byte>(destination.Length) : null;
        try
        {
            Span<byte> decoded = fortran ? scratch.AsSpan(0, destination.Length) : destination;
            int length;
            if (Compressor is null)
            {
                length = Math.Min(stored.Length, decoded.Length);
                stored[..length].CopyTo(decoded);
                if (stored.Length > decoded.Length)
                {
                    length = stored.Length;
                }
            }
            else
            {
                try
                {
                    length = Compressor.Decode(stored, decoded);
                }
                catch (CodecException ex)
                {
                    throw new ZarrFormatException($"Chunk '{key}' of {Location} (file '{Store.Describe(key)}') could not be decoded: {ex.Message}", ex);
                }
            }

            if (length != decoded.Length)
            {
                throw new ZarrFormatException($"Chunk '{key}' of {Location} (file '{Store.Describe(key)}') decoded to {length} bytes; expected {decoded.Length} (chunk shape {ShapeMath.Format(ChunkShape)} × {DataType.ItemSize}-byte {DataType.Name}). The chunk is corrupt or was written with other metadata.");
            }

            if (DataType.NeedsByteSwap)
            {
                Endianness.SwapInPlace(decoded, DataType.ItemSize);
            }

            if (fortran)
            {
                ByteRegionCopy.CopyStrided(decoded, ShapeMath.FStrides(ChunkShape), 0, destination, ShapeMath.CStrides(ChunkShape), 0, ChunkShape, DataType.ItemSize);
            }
        }
        finally
        {
            if (scratch is not null)
            {
                BufferPool.Return(scratch);
            }
        }
    }

    private int EncodeChunk(ReadOnlySpan<byte> chunk, Span<byte> encoded)
    {
        bool fortran = Metadata.Order == MemoryOrder.F && Rank > 1;
        byte[]? scratch = fortran || DataType.NeedsByteSwap ? BufferPool.Rent<byte>(chunk.Length) : null;
        try
        {
            ReadOnlySpan<byte> source = chunk;
            if (scratch is not null)
            {
                var layout = scratch.AsSpan(0, chunk.Length);
                if (fortran)
                {
                    ByteRegionCopy.CopyStrided(chunk, ShapeMath.CStrides(ChunkShape), 0, layout, ShapeMath.FStrides(ChunkShape), 0, ChunkShape, DataType.ItemSize);
                }
                else
                {
                    chunk.CopyTo(layout);
                }

                if (DataType.NeedsByteSwap)
                {
                    Endianness.SwapInPlace(layout, DataType.ItemSize);
                }

                source = layout;
            }

            if (Compressor is null)
            {
                source.CopyTo(encoded);
                return source.Length;
            }

            return Compressor.Encode(source, encoded);
        }
        finally
        {
            if (scratch is not null)
            {
                BufferPool.Return(scratch);
            }
        }
    }

    private void CheckChunkIndex(ReadOnlySpan<long> chunkIndex)
    {
        bool valid = chunkIndex.Length == Rank;
        for (int i = 0; valid && i < Rank; i++)
        {
            valid = chunkIndex[i] >= 0 && chunkIndex[i] < Grid.GridShape[i];
        }

        if (!valid)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkIndex), $"Chunk index {ShapeMath.Format(chunkIndex)} is outside the chunk grid {ShapeMath.Format(Grid.GridShape)} of {Location}.");
        }
    }
}
