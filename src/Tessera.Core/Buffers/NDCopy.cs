using Tessera.Shapes;

namespace Tessera.Buffers;

/// <summary>Copies N-D regions between dense layouts of different shapes and orders.</summary>
public static class NDCopy
{
    private const int MaxRank = 32;

    /// <summary>
    /// Copies the region of <paramref name="regionShape"/> at <paramref name="sourceOrigin"/> of a C-order
    /// <paramref name="source"/> of <paramref name="sourceShape"/> to <paramref name="destinationOrigin"/>
    /// of a C-order <paramref name="destination"/> of <paramref name="destinationShape"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Ranks differ or the region is outside either layout.</exception>
    public static void CopyRegion<T>(
        ReadOnlySpan<T> source, ReadOnlySpan<int> sourceShape, ReadOnlySpan<long> sourceOrigin,
        Span<T> destination, ReadOnlySpan<int> destinationShape, ReadOnlySpan<long> destinationOrigin,
        ReadOnlySpan<int> regionShape)
    {
        int rank = regionShape.Length;
        CheckRegion(sourceShape, sourceOrigin, regionShape, source.Length, nameof(source));
        CheckRegion(destinationShape, destinationOrigin, regionShape, destination.Length, nameof(destination));
        Span<long> srcStrides = stackalloc long[rank];
        Span<long> dstStrides = stackalloc long[rank];
        FillCStrides(sourceShape, srcStrides);
        FillCStrides(destinationShape, dstStrides);
        CopyStrided(
            source, srcStrides, Dot(sourceOrigin, srcStrides),
            destination, dstStrides, Dot(destinationOrigin, dstStrides),
            regionShape);
    }

    /// <summary>
    /// Copies a region of <paramref name="regionShape"/> between two strided layouts. Offsets and strides
    /// are in elements. The caller guarantees every addressed element is inside both spans.
    /// </summary>
    public static void CopyStrided<T>(
        ReadOnlySpan<T> source, ReadOnlySpan<long> sourceStrides, long sourceOffset,
        Span<T> destination, ReadOnlySpan<long> destinationStrides, long destinationOffset,
        ReadOnlySpan<int> regionShape)
    {
        int rank = regionShape.Length;
        if (rank > MaxRank)
        {
            throw new ArgumentException($"Rank {rank} exceeds the supported maximum of {MaxRank}.", nameof(regionShape));
        }

        if (ShapeMath.Product(regionShape) == 0)
        {
            return;
        }

        if (rank == 0)
        {
            destination[(int)destinationOffset] = source[(int)sourceOffset];
            return;
        }

        int inner = regionShape[rank - 1];
        long srcInner = sourceStrides[rank - 1];
        long dstInner = destinationStrides[rank - 1];
        Span<int> counter = stackalloc int[rank];
        counter.Clear();
        long src = sourceOffset;
        long dst = destinationOffset;
        while (true)
        {
            if (srcInner == 1 && dstInner == 1)
            {
                source.Slice((int)src, inner).CopyTo(destination.Slice((int)dst, inner));
            }
            else
            {
                for (int i = 0; i < inner; i++)
                {
                    destination[(int)(dst + (i * dstInner))] = source[(int)(src + (i * srcInner))];
                }
            }

            // Advance the outer axes like an odometer, keeping running offsets.
            int axis = rank - 2;
            while (axis >= 0)
            {
                src += sourceStrides[axis];
                dst += destinationStrides[axis];
                if (++counter[axis] < regionShape[axis])
                {
                    break;
                }

                src -= sourceStrides[axis] * regionShape[axis];
                dst -= destinationStrides[axis] * regionShape[axis];
                counter[axis] = 0;
                axis--;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }

    private static void FillCStrides(ReadOnlySpan<int> shape, Span<long> strides)
    {
        long s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }
    }

    private static long Dot(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void CheckRegion(ReadOnlySpan<int> shape, ReadOnlySpan<long> origin, ReadOnlySpan<int> region, int spanLength, string name)
    {
        if (shape.Length != region.Length || origin.Length != region.Length)
        {
            throw new ArgumentException($"The {name} shape {ShapeMath.Format(shape)}, origin {ShapeMath.Format(origin)} and region {ShapeMath.Format(region)} must have the same rank.", name);
        }

        for (int i = 0; i < region.Length; i++)
        {
            if (origin[i] < 0 || region[i] < 0 || origin[i] + region[i] > shape[i])
            {
                throw new ArgumentException($"Region {ShapeMath.Format(region)} at {ShapeMath.Format(origin)} does not fit the {name} of shape {ShapeMath.Format(shape)} along axis {i}.", name);
            }
        }

        if (ShapeMath.Product(shape) > spanLength)
        {
            throw new ArgumentException($"The {name} span holds {spanLength} elements, fewer than its shape {ShapeMath.Format(shape)} needs.", name);
        }
    }
}
