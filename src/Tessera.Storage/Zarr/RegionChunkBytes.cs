using Tessera.Codecs;

namespace Tessera.Zarr;

/// <summary>Returns the bytes of a C-order region; called each time they are needed, as spans cannot be stored.</summary>
internal delegate Span<byte> RegionBytes();

/// <summary>
/// One chunk that lies wholly inside a C-order region, seen as its own C-order bytes without copying it out: the
/// encoder copies each piece it needs straight from the region (<see cref="IGatheredBytes"/>). Pieces are runs of
/// the chunk that are contiguous in the region, the last axis at least.
/// </summary>
internal sealed class RegionChunkBytes : IGatheredBytes
{
    private readonly RegionBytes _region;
    private readonly int[] _outer;
    private readonly long[] _outerStrides;
    private readonly long _first;
    private readonly int _runBytes;

    /// <param name="region">The region's bytes.</param>
    /// <param name="regionOrigin">The region's first element in the array.</param>
    /// <param name="regionShape">The region's shape.</param>
    /// <param name="chunkStart">The chunk's first element in the array; the chunk must lie inside the region.</param>
    /// <param name="chunkShape">The chunk's shape.</param>
    /// <param name="itemSize">Bytes per element.</param>
    public RegionChunkBytes(RegionBytes region, long[] regionOrigin, int[] regionShape, long[] chunkStart, ReadOnlySpan<int> chunkShape, int itemSize)
    {
        int rank = chunkShape.Length;

        // Axes from `split` on are one contiguous run in the region: every later axis spans the region whole. A
        // zero-dimensional chunk is one element.
        int split = Math.Max(0, rank - 1);
        while (split > 0 && chunkShape[split] == regionShape[split])
        {
            split--;
        }

        long run = itemSize;
        for (int d = split; d < rank; d++)
        {
            run *= chunkShape[d];
        }

        var strides = new long[rank];
        long stride = itemSize;
        for (int d = rank - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= regionShape[d];
        }

        long first = 0;
        for (int d = 0; d < rank; d++)
        {
            first += (chunkStart[d] - regionOrigin[d]) * strides[d];
        }

        _region = region;
        _outer = chunkShape[..split].ToArray();
        _outerStrides = strides[..split];
        _first = first;
        _runBytes = checked((int)run);
        Length = checked((int)(run * Shapes.ShapeMath.Product(_outer)));
    }

    /// <inheritdoc/>
    public int Length { get; }

    /// <inheritdoc/>
    public void CopyTo(int offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(destination.Length, Length - offset, nameof(destination));
        Span<byte> region = _region();
        Span<int> index = stackalloc int[_outer.Length];
        int runIndex = offset / _runBytes;
        int within = offset % _runBytes;
        for (int d = _outer.Length - 1; d >= 0; d--)
        {
            index[d] = runIndex % _outer[d];
            runIndex /= _outer[d];
        }

        int written = 0;
        while (written < destination.Length)
        {
            long source = _first + within;
            for (int d = 0; d < index.Length; d++)
            {
                source += index[d] * _outerStrides[d];
            }

            int n = Math.Min(_runBytes - within, destination.Length - written);
            region.Slice(checked((int)source), n).CopyTo(destination.Slice(written, n));
            written += n;
            within = 0;
            for (int d = index.Length - 1; d >= 0 && ++index[d] == _outer[d]; d--)
            {
                index[d] = 0;
            }
        }
    }
}
