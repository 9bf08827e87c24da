using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Shapes;

namespace Tessera.Zarr;

/// <content>Reading and writing N-D regions that span chunks.</content>
public sealed partial class ZarrArray
{
    /// <summary>
    /// Reads the region of <paramref name="destination"/>'s shape starting at <paramref name="origin"/>.
    /// Never-written chunks read as the fill value.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match the array's data type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The region is outside the array.</exception>
    /// <exception cref="ZarrFormatException">A chunk is corrupt.</exception>
    public Task ReadRegionAsync<T>(long[] origin, NDBuffer<T> destination, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckElementType<T>();
        return ReadRegionCoreAsync(origin, destination.Shape.ToArray(), () => destination.Bytes, cancellationToken);
    }

    /// <summary>
    /// Reads the region of <paramref name="shape"/> at <paramref name="origin"/> into
    /// <paramref name="destination"/> as C-order elements in the machine's byte order.
    /// </summary>
    public Task ReadRegionAsync(long[] origin, int[] shape, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        CheckRegionBytes(shape, destination.Length);
        return ReadRegionCoreAsync(origin, shape, () => destination.Span, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="source"/> as the region starting at <paramref name="origin"/>. Chunks the
    /// region covers only in part are read, updated and rewritten; each chunk is stored whole.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match the array's data type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The region is outside the array.</exception>
    /// <exception cref="ZarrFormatException">The array's shards are larger than one buffer (<see cref="WholeChunksFit"/> is false), so it is read-only in Tessera.</exception>
    public Task WriteRegionAsync<T>(long[] origin, NDBuffer<T> source, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckElementType<T>();
        return WriteRegionCoreAsync(origin, source.Shape.ToArray(), () => source.Bytes, cancellationToken);
    }

    /// <summary>Writes C-order, machine-order element bytes <paramref name="source"/> as the region of <paramref name="shape"/> at <paramref name="origin"/>.</summary>
    public Task WriteRegionAsync(long[] origin, int[] shape, Memory<byte> source, CancellationToken cancellationToken = default)
    {
        CheckRegionBytes(shape, source.Length);
        return WriteRegionCoreAsync(origin, shape, () => source.Span, cancellationToken);
    }

    private async Task ReadRegionCoreAsync(long[] origin, int[] shape, RegionBytes region, CancellationToken cancellationToken)
    {
        long[] regionShape = Array.ConvertAll(shape, s => (long)s);
        Grid.CheckRegion(origin, regionShape);
        if (Sharding is { } sharding)
        {
            await ReadShardedRegionAsync(sharding, origin, shape, region, cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] chunk = BufferPool.Rent<byte>(ChunkByteLength);
        try
        {
            foreach (long[] index in Grid.ChunksIntersecting(origin, regionShape))
            {
                await ReadChunkAsync(index, chunk, cancellationToken).ConfigureAwait(false);
                CopyBetween(ChunkStart(index, ChunkShape), ChunkShape, chunk, origin, shape, region(), toChunk: false);
            }
        }
        finally
        {
            BufferPool.Return(chunk);
        }
    }

    private async Task WriteRegionCoreAsync(long[] origin, int[] shape, RegionBytes region, CancellationToken cancellationToken)
    {
        long[] regionShape = Array.ConvertAll(shape, s => (long)s);
        Grid.CheckRegion(origin, regionShape);
        if (!WholeChunksFit)
        {
            throw WholeChunksTooLarge(null);
        }

        byte[] chunk = BufferPool.Rent<byte>(ChunkByteLength);
        try
        {
            foreach (long[] index in Grid.ChunksIntersecting(origin, regionShape))
            {
                if (CoversChunk(index, origin, regionShape))
                {
                    if (!CrossesEdge(index))
                    {
                        // Encoded straight from the region, a piece at a time, rather than copied out first.
                        await WriteGatheredChunkAsync(index, new RegionChunkBytes(region, origin, shape, ChunkStart(index, ChunkShape), ChunkShape, DataType.ItemSize), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    // The part of an edge chunk outside the array holds the fill value, as zarr-python writes it.
                    _format.Fill(chunk.AsSpan(0, ChunkByteLength));
                }
                else
                {
                    await ReadChunkAsync(index, chunk, cancellationToken).ConfigureAwait(false);
                }

                CopyBetween(ChunkStart(index, ChunkShape), ChunkShape, chunk, origin, shape, region(), toChunk: true);
                await WriteChunkAsync(index, chunk.AsMemory(0, ChunkByteLength), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            BufferPool.Return(chunk);
        }
    }

    /// <summary>The first element of chunk <paramref name="index"/> of a grid of <paramref name="chunkShape"/>.</summary>
    private static long[] ChunkStart(long[] index, ReadOnlySpan<int> chunkShape)
    {
        var start = new long[index.Length];
        for (int i = 0; i < start.Length; i++)
        {
            start[i] = index[i] * chunkShape[i];
        }

        return start;
    }

    /// <summary>
    /// Copies the intersection of a chunk (of <paramref name="chunkShape"/>, starting at element
    /// <paramref name="chunkStart"/>) and the region, in either direction.
    /// </summary>
    private void CopyBetween(long[] chunkStart, ReadOnlySpan<int> chunkShape, Span<byte> chunk, long[] origin, int[] regionShape, Span<byte> region, bool toChunk)
    {
        int rank = Rank;
        Span<long> inChunk = stackalloc long[rank];
        Span<long> inRegion = stackalloc long[rank];
        Span<int> extent = stackalloc int[rank];
        for (int i = 0; i < rank; i++)
        {
            long lo = Math.Max(chunkStart[i], origin[i]);
            long hi = Math.Min(Math.Min(chunkStart[i] + chunkShape[i], origin[i] + regionShape[i]), Shape[i]);
            inChunk[i] = lo - chunkStart[i];
            inRegion[i] = lo - origin[i];
            extent[i] = (int)(hi - lo);
        }

        int itemSize = DataType.ItemSize;
        var chunkBytes = chunk[..(int)(ShapeMath.Product(chunkShape) * itemSize)];
        if (toChunk)
        {
            ByteRegionCopy.CopyRegion(region, regionShape, inRegion, chunkBytes, chunkShape, inChunk, extent, itemSize);
        }
        else
        {
            ByteRegionCopy.CopyRegion(chunkBytes, chunkShape, inChunk, region, regionShape, inRegion, extent, itemSize);
        }
    }

    private bool CoversChunk(long[] index, long[] origin, long[] regionShape)
    {
        for (int i = 0; i < Rank; i++)
        {
            long chunkStart = index[i] * ChunkShape[i];
            long chunkEnd = Math.Min(chunkStart + ChunkShape[i], Shape[i]);
            if (origin[i] > chunkStart || origin[i] + regionShape[i] < chunkEnd)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether chunk <paramref name="index"/> reaches past the end of the array on some axis.</summary>
    private bool CrossesEdge(long[] index)
    {
        for (int i = 0; i < Rank; i++)
        {
            if ((index[i] + 1) * ChunkShape[i] > Shape[i])
            {
                return true;
            }
        }

        return false;
    }

    private void CheckElementType<T>()
        where T : unmanaged
    {
        var requested = DataType.For<T>();
        if (requested.Kind != DataType.Kind)
        {
            throw new ArgumentException($"{Location} holds {DataType.Name} ({DataType.TypeString}); a buffer of {typeof(T).Name} ({requested.Name}) cannot hold it. Use a buffer of the array's type.");
        }
    }

    private void CheckRegionBytes(int[] shape, int length)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long needed = ShapeMath.Product(shape) * DataType.ItemSize;
        if (length < needed)
        {
            throw new ArgumentException($"A region of shape {ShapeMath.Format<int>(shape)} of {DataType.Name} needs {needed} bytes; the buffer holds {length}.", nameof(shape));
        }
    }
}
