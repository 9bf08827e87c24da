using System.Diagnostics.CodeAnalysis;
using Tessera.Buffers;
using Tessera.Codecs;

namespace Tessera.Zarr.V3.Codecs.Sharding;

// Whole shards and single inner chunks. A decoded shard, like a decoded inner chunk, is C order with little-endian
// elements, the layout V3CodecPipeline decodes to.
public sealed partial class ShardingCodec
{
    // Ranks up to this keep their coordinate scratch on the stack (NDCopy's limit too).
    private const int StackRank = 32;

    /// <summary>
    /// Encodes a whole shard for storage: each inner chunk through <see cref="InnerCodecs"/>, packed in C order of
    /// inner chunk position with no gaps, and the index at the start or end as configured. Inner chunks whose bytes
    /// all equal <paramref name="fillElement"/> are not stored (index entry 2^64-1), as zarr-python does with
    /// <c>write_empty_chunks=False</c>; a shard of only such chunks encodes to its index alone.
    /// </summary>
    /// <param name="shard">The shard: C order, little-endian elements, <see cref="ShardByteLength"/> bytes.</param>
    /// <param name="fillElement">The array's fill value as one element's bytes (little-endian).</param>
    /// <returns>The bytes to store.</returns>
    /// <exception cref="ArgumentException"><paramref name="shard"/> or <paramref name="fillElement"/> has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">A decoded shard is larger than one .NET array holds (<see cref="FitsOneBuffer"/> is false).</exception>
    /// <exception cref="CodecException">An inner codec cannot encode a chunk.</exception>
    public byte[] EncodeShard(ReadOnlySpan<byte> shard, ReadOnlySpan<byte> fillElement)
    {
        CheckLength(shard.Length, ShardByteLength, "shard", nameof(shard));
        CheckLength(fillElement.Length, _itemSize, "fill element", nameof(fillElement));
        int chunkLength = InnerCodecs.DecodedLength;
        var encoded = new byte[]?[InnerChunkCount];
        long total = IndexByteLength;
        byte[] chunk = BufferPool.Rent<byte>(chunkLength);
        byte[] fill = BufferPool.Rent<byte>(chunkLength);
        try
        {
            FillElements(fill.AsSpan(0, chunkLength), fillElement);
            Span<int> position = _shardShape.Length <= StackRank ? stackalloc int[_shardShape.Length] : new int[_shardShape.Length];
            for (int i = 0; i < InnerChunkCount; i++, NextPosition(position))
            {
                var innerChunk = chunk.AsSpan(0, chunkLength);
                CopyRegion(shard, position, innerChunk, toShard: false);
                if (!innerChunk.SequenceEqual(fill.AsSpan(0, chunkLength)))
                {
                    encoded[i] = InnerCodecs.Encode(innerChunk);
                    total += encoded[i]!.Length;
                }
            }
        }
        finally
        {
            BufferPool.Return(chunk);
            BufferPool.Return(fill);
        }

        var stored = new byte[checked((int)total)];
        var entries = new long[2 * InnerChunkCount];
        int offset = IndexAtStart ? IndexByteLength : 0;
        for (int i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] is not { } bytes)
            {
                entries[2 * i] = entries[(2 * i) + 1] = -1;
                continue;
            }

            bytes.CopyTo(stored, offset);
            entries[2 * i] = offset;
            entries[(2 * i) + 1] = bytes.Length;
            offset += bytes.Length;
        }

        EncodeIndex(entries, IndexAtStart ? stored.AsSpan(0, IndexByteLength) : stored.AsSpan(stored.Length - IndexByteLength));
        return stored;
    }

    /// <summary>Decodes a whole stored shard: the inverse of <see cref="EncodeShard"/>, for any valid layout of inner chunks.</summary>
    /// <param name="stored">The stored shard.</param>
    /// <param name="shard">Receives the shard: C order, little-endian elements, <see cref="ShardByteLength"/> bytes.</param>
    /// <param name="fillElement">The fill value as one element's bytes; written to the inner chunks that are not stored.</param>
    /// <param name="source">The shard's file, named in errors.</param>
    /// <exception cref="ArgumentException"><paramref name="shard"/> or <paramref name="fillElement"/> has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">A decoded shard is larger than one .NET array holds (<see cref="FitsOneBuffer"/> is false).</exception>
    /// <exception cref="ZarrFormatException">
    /// The shard is shorter than its index, the index is invalid (see <see cref="DecodeIndex"/>), or an inner chunk
    /// cannot be decoded (the message names the inner chunk; the inner exception is the <see cref="CodecException"/>).
    /// </exception>
    public void DecodeShard(ReadOnlySpan<byte> stored, Span<byte> shard, ReadOnlySpan<byte> fillElement, string source)
    {
        CheckLength(shard.Length, ShardByteLength, "shard", nameof(shard));
        CheckLength(fillElement.Length, _itemSize, "fill element", nameof(fillElement));
        ArgumentNullException.ThrowIfNull(source);
        if (stored.Length < IndexByteLength)
        {
            throw new ZarrFormatException(
                $"'{source}': the shard is {stored.Length} bytes, shorter than its {IndexByteLength}-byte index. The shard is truncated; rewrite it from a good copy.");
        }

        var index = DecodeIndex(IndexAtStart ? stored[..IndexByteLength] : stored[^IndexByteLength..], stored.Length, source);
        int chunkLength = InnerCodecs.DecodedLength;
        byte[] chunk = BufferPool.Rent<byte>(chunkLength);
        try
        {
            var innerChunk = chunk.AsSpan(0, chunkLength);
            Span<int> position = _shardShape.Length <= StackRank ? stackalloc int[_shardShape.Length] : new int[_shardShape.Length];
            for (int i = 0; i < InnerChunkCount; i++, NextPosition(position))
            {
                if (index.IsEmpty(i))
                {
                    FillElements(innerChunk, fillElement);
                }
                else
                {
                    var (offset, length) = index[i];
                    DecodeInnerChunkCore(stored.Slice((int)offset, (int)length), innerChunk, position, source);
                }

                CopyRegion(innerChunk, position, shard, toShard: true);
            }
        }
        finally
        {
            BufferPool.Return(chunk);
        }
    }

    /// <summary>Decodes one stored inner chunk, as read from the byte range its index entry gives.</summary>
    /// <param name="stored">The inner chunk's stored bytes.</param>
    /// <param name="chunk">Receives the inner chunk: C order, little-endian elements, <see cref="V3CodecPipeline.DecodedLength"/> of <see cref="InnerCodecs"/> bytes.</param>
    /// <param name="innerPosition">The inner chunk's position in the shard's grid of inner chunks, named in errors.</param>
    /// <param name="source">The shard's file, named in errors.</param>
    /// <exception cref="ArgumentException"><paramref name="chunk"/> has the wrong length or <paramref name="innerPosition"/> lies outside <see cref="InnerGridShape"/>.</exception>
    /// <exception cref="ZarrFormatException">The inner chunk is corrupt; the inner exception is the <see cref="CodecException"/>.</exception>
    public void DecodeInnerChunk(ReadOnlySpan<byte> stored, Span<byte> chunk, ReadOnlySpan<int> innerPosition, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ShardIndex.Linear(innerPosition, _innerGrid);
        DecodeInnerChunkCore(stored, chunk, innerPosition, source);
    }

    /// <summary>Copies one decoded inner chunk into its place in a decoded shard.</summary>
    /// <param name="innerChunk">The inner chunk: C order, <see cref="V3CodecPipeline.DecodedLength"/> of <see cref="InnerCodecs"/> bytes.</param>
    /// <param name="innerPosition">The inner chunk's position in the shard's grid of inner chunks.</param>
    /// <param name="shard">The shard: C order, <see cref="ShardByteLength"/> bytes.</param>
    /// <exception cref="ArgumentException">A buffer has the wrong length or <paramref name="innerPosition"/> lies outside <see cref="InnerGridShape"/>.</exception>
    public void CopyInnerChunkToShard(ReadOnlySpan<byte> innerChunk, ReadOnlySpan<int> innerPosition, Span<byte> shard)
    {
        CheckLength(innerChunk.Length, InnerCodecs.DecodedLength, "inner chunk", nameof(innerChunk));
        CheckLength(shard.Length, ShardByteLength, "shard", nameof(shard));
        ShardIndex.Linear(innerPosition, _innerGrid);
        CopyRegion(innerChunk, innerPosition, shard, toShard: true);
    }

    /// <summary>Copies one inner chunk out of a decoded shard: the inverse of <see cref="CopyInnerChunkToShard"/>.</summary>
    /// <param name="shard">The shard: C order, <see cref="ShardByteLength"/> bytes.</param>
    /// <param name="innerPosition">The inner chunk's position in the shard's grid of inner chunks.</param>
    /// <param name="innerChunk">Receives the inner chunk: C order, <see cref="V3CodecPipeline.DecodedLength"/> of <see cref="InnerCodecs"/> bytes.</param>
    /// <exception cref="ArgumentException">A buffer has the wrong length or <paramref name="innerPosition"/> lies outside <see cref="InnerGridShape"/>.</exception>
    public void CopyShardToInnerChunk(ReadOnlySpan<byte> shard, ReadOnlySpan<int> innerPosition, Span<byte> innerChunk)
    {
        CheckLength(shard.Length, ShardByteLength, "shard", nameof(shard));
        CheckLength(innerChunk.Length, InnerCodecs.DecodedLength, "inner chunk", nameof(innerChunk));
        ShardIndex.Linear(innerPosition, _innerGrid);
        CopyRegion(shard, innerPosition, innerChunk, toShard: false);
    }

    private void DecodeInnerChunkCore(ReadOnlySpan<byte> stored, Span<byte> chunk, ReadOnlySpan<int> innerPosition, string source)
    {
        try
        {
            InnerCodecs.Decode(stored, chunk);
        }
        catch (CodecException ex)
        {
            throw new ZarrFormatException(
                $"'{source}': inner chunk [{string.Join(", ", innerPosition.ToArray())}] of the shard cannot be decoded ({stored.Length} stored bytes): {ex.Message}", ex);
        }
    }

    // Copies between the inner chunk at innerPosition and its region of the shard; toShard picks the direction.
    private void CopyRegion(ReadOnlySpan<byte> from, ReadOnlySpan<int> innerPosition, Span<byte> to, bool toShard)
    {
        int rank = _shardShape.Length;
        Span<long> origins = rank <= StackRank ? stackalloc long[2 * rank] : new long[2 * rank];
        var zero = origins[..rank];
        var inShard = origins[rank..];
        zero.Clear();
        for (int axis = 0; axis < rank; axis++)
        {
            inShard[axis] = (long)innerPosition[axis] * _innerShape[axis];
        }

        if (toShard)
        {
            ByteRegionCopy.CopyRegion(from, _innerShape, zero, to, _shardShape, inShard, _innerShape, _itemSize);
        }
        else
        {
            ByteRegionCopy.CopyRegion(from, _shardShape, inShard, to, _innerShape, zero, _innerShape, _itemSize);
        }
    }

    // Advances a C-order position through the grid of inner chunks (the last axis fastest).
    private void NextPosition(Span<int> position)
    {
        for (int axis = position.Length - 1; axis >= 0; axis--)
        {
            if (++position[axis] < _innerGrid[axis])
            {
                return;
            }

            position[axis] = 0;
        }
    }

    private static void FillElements(Span<byte> destination, ReadOnlySpan<byte> element)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        // Doubling copies: one element, then 2, 4, ... until the buffer is full.
        element.CopyTo(destination);
        int filled = element.Length;
        while (filled < destination.Length)
        {
            int count = Math.Min(filled, destination.Length - filled);
            destination[..count].CopyTo(destination[filled..]);
            filled += count;
        }
    }

    private static void CheckLength(int length, int expected, string what, string name)
    {
        if (length != expected)
        {
            ThrowWrongLength(length, expected, what, name);
        }
    }

    [DoesNotReturn]
    private static void ThrowWrongLength(int length, int expected, string what, string name) =>
        throw new ArgumentException($"The {what} holds {length} bytes; expected {expected}.", name);
}
