using Tessera.Buffers;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr.V3.Codecs.Sharding;

namespace Tessera.Zarr;

/// <content>
/// Reading regions of sharded v3 arrays: a shard the region covers whole is read in one request (when a decoded
/// shard fits one buffer); from any other shard only the index and the inner chunks the region touches are read,
/// by byte range.
/// </content>
public sealed partial class ZarrArray
{
    private async Task ReadShardedRegionAsync(ShardingCodec sharding, long[] origin, int[] shape, RegionBytes region, CancellationToken cancellationToken)
    {
        long[] regionShape = Array.ConvertAll(shape, s => (long)s);
        int[] innerShape = [.. sharding.InnerChunkShape];
        var innerGrid = new ChunkGrid(_shape, innerShape);
        int innerBytes = sharding.InnerCodecs.DecodedLength;

        // Partial reads need one inner chunk's buffer; a whole shard's (up to gigabytes) is rented only for shards
        // the region covers, so that reading a little of a large shard also holds little memory.
        byte[] buffer = BufferPool.Rent<byte>(innerBytes);
        byte[]? shardBuffer = null;
        try
        {
            foreach (long[] shard in Grid.ChunksIntersecting(origin, regionShape))
            {
                if (WholeChunksFit && CoversChunk(shard, origin, regionShape))
                {
                    shardBuffer ??= BufferPool.Rent<byte>(ChunkByteLength);
                    await ReadChunkAsync(shard, shardBuffer, cancellationToken).ConfigureAwait(false);
                    CopyBetween(ChunkStart(shard, ChunkShape), ChunkShape, shardBuffer, origin, shape, region(), toChunk: false);
                    continue;
                }

                string key = ChunkKey(shard);
                string source = Store.Describe(key);
                ShardIndex? index = await ReadShardIndexAsync(sharding, key, source, cancellationToken).ConfigureAwait(false);
                var (lo, extent) = Intersect(shard, origin, regionShape);
                foreach (long[] inner in innerGrid.ChunksIntersecting(lo, extent))
                {
                    var position = new int[Rank];
                    for (int i = 0; i < Rank; i++)
                    {
                        position[i] = (int)(inner[i] - (shard[i] * sharding.InnerGridShape[i]));
                    }

                    var chunk = buffer.AsSpan(0, innerBytes);
                    int linear = ShardIndex.Linear(position, [.. sharding.InnerGridShape]);
                    if (index is not { } found || found.IsEmpty(linear))
                    {
                        _format.Fill(chunk);
                    }
                    else
                    {
                        await ReadInnerChunkAsync(sharding, key, source, found[linear], position, buffer.AsMemory(0, innerBytes), cancellationToken).ConfigureAwait(false);
                    }

                    CopyBetween(ChunkStart(inner, innerShape), innerShape, buffer, origin, shape, region(), toChunk: false);
                }
            }
        }
        finally
        {
            BufferPool.Return(buffer);
            if (shardBuffer is not null)
            {
                BufferPool.Return(shardBuffer);
            }
        }
    }

    /// <summary>Reads and checks a shard's index; null when the shard was never written.</summary>
    private async Task<ShardIndex?> ReadShardIndexAsync(ShardingCodec sharding, string key, string source, CancellationToken cancellationToken)
    {
        using var stored = await Store.GetAsync(key, sharding.IndexRange, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        if (stored.Length < sharding.IndexByteLength)
        {
            throw new ZarrFormatException(
                $"Shard '{source}' holds {stored.Length} bytes, fewer than its index alone ({sharding.IndexByteLength} bytes at the {(sharding.IndexAtStart ? "start" : "end")}). The shard is truncated.");
        }

        return sharding.DecodeIndex(stored.Span, null, source);
    }

    private async Task ReadInnerChunkAsync(
        ShardingCodec sharding, string key, string source, (long Offset, long Length) entry, int[] position, Memory<byte> chunk, CancellationToken cancellationToken)
    {
        using var stored = await Store.GetAsync(key, ByteRange.FromOffset(entry.Offset, entry.Length), cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Length < entry.Length)
        {
            throw new ZarrFormatException(
                $"Shard '{source}' is shorter than its index says: inner chunk [{string.Join(", ", position)}] needs bytes {entry.Offset}..{entry.Offset + entry.Length} but the shard ends at byte {entry.Offset + (stored?.Length ?? 0)}. The shard is truncated.");
        }

        sharding.DecodeInnerChunk(stored.Span, chunk.Span, position, source);
    }

    /// <summary>The part of the region inside chunk <paramref name="index"/> of <see cref="Grid"/>, as an origin and a shape.</summary>
    private (long[] Origin, long[] Shape) Intersect(long[] index, long[] origin, long[] regionShape)
    {
        var lo = new long[Rank];
        var extent = new long[Rank];
        for (int i = 0; i < Rank; i++)
        {
            long start = index[i] * ChunkShape[i];
            lo[i] = Math.Max(start, origin[i]);
            extent[i] = Math.Min(Math.Min(start + ChunkShape[i], Shape[i]), origin[i] + regionShape[i]) - lo[i];
        }

        return (lo, extent);
    }
}
