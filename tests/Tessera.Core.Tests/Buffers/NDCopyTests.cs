using Tessera.Buffers;

namespace Tessera.Core.Tests.Buffers;

public class NDCopyTests
{
    private const int Untouched = -1;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CopyRegion_MatchesNaiveCopy(int rank)
    {
        var random = new Random(1000 + rank);
        for (int trial = 0; trial < 40; trial++)
        {
            var sourceShape = RandomShape(random, rank);
            var destinationShape = RandomShape(random, rank);
            var region = new int[rank];
            var sourceOrigin = new long[rank];
            var destinationOrigin = new long[rank];
            for (int i = 0; i < rank; i++)
            {
                int max = Math.Min(sourceShape[i], destinationShape[i]);
                region[i] = trial % 10 == 0 ? max : random.Next(1, max + 1);
                sourceOrigin[i] = random.Next(0, sourceShape[i] - region[i] + 1);
                destinationOrigin[i] = random.Next(0, destinationShape[i] - region[i] + 1);
            }

            var source = Distinct(Count(sourceShape));
            var destination = Filled(Count(destinationShape));
            var expected = (int[])destination.Clone();
            foreach (var index in Indices(region))
            {
                var s = new long[rank];
                var d = new long[rank];
                for (int i = 0; i < rank; i++)
                {
                    s[i] = sourceOrigin[i] + index[i];
                    d[i] = destinationOrigin[i] + index[i];
                }

                expected[COffset(destinationShape, d)] = source[COffset(sourceShape, s)];
            }

            NDCopy.CopyRegion<int>(source, sourceShape, sourceOrigin, destination, destinationShape, destinationOrigin, region);

            Assert.Equal(expected, destination);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CopyStrided_MatchesNaiveCopy(int rank)
    {
        var random = new Random(2000 + rank);
        for (int trial = 0; trial < 40; trial++)
        {
            // Each side is a region inside a larger parent array laid out in C order, F order or
            // with axes permuted, so inner strides are often not 1.
            var region = RandomShape(random, rank);
            var (sourceLength, sourceStrides, sourceOffset) = RandomLayout(random, region, trial % 3);
            var (destinationLength, destinationStrides, destinationOffset) = RandomLayout(random, region, (trial / 3) % 3);

            var source = Distinct(sourceLength);
            var destination = Filled(destinationLength);
            var expected = (int[])destination.Clone();
            foreach (var index in Indices(region))
            {
                long s = sourceOffset;
                long d = destinationOffset;
                for (int i = 0; i < rank; i++)
                {
                    s += index[i] * sourceStrides[i];
                    d += index[i] * destinationStrides[i];
                }

                expected[d] = source[s];
            }

            NDCopy.CopyStrided<int>(source, sourceStrides, sourceOffset, destination, destinationStrides, destinationOffset, region);

            Assert.Equal(expected, destination);
        }
    }

    [Fact]
    public void CopyStrided_TransposesFOrderIntoCOrder()
    {
        const int rows = 7;
        const int columns = 193;
        var fOrder = Distinct(rows * columns);
        var cOrder = new int[rows * columns];

        NDCopy.CopyStrided<int>(fOrder, [1, rows], 0, cOrder, [columns, 1], 0, [rows, columns]);

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(fOrder[r + (c * rows)], cOrder[(r * columns) + c]);
            }
        }
    }

    [Fact]
    public void CopyRegion_CopiesOneElementAtRankZero()
    {
        int[] source = [42];
        int[] destination = [0];

        NDCopy.CopyRegion<int>(source, [], [], destination, [], [], []);

        Assert.Equal(42, destination[0]);
    }

    [Fact]
    public void CopyStrided_CopiesOneElementAtRankZero()
    {
        int[] source = [1, 2, 3];
        int[] destination = [0, 0, 0, 0];

        NDCopy.CopyStrided<int>(source, [], 2, destination, [], 3, []);

        Assert.Equal([0, 0, 0, 3], destination);
    }

    [Fact]
    public void CopyRegion_EmptyRegionWritesNothing()
    {
        var source = Distinct(7 * 13);
        var destination = Filled(7 * 13);

        NDCopy.CopyRegion<int>(source, [7, 13], [3, 4], destination, [7, 13], [0, 0], [4, 0]);
        NDCopy.CopyRegion<int>(source, [7, 13], [7, 0], destination, [7, 13], [7, 13], [0, 0]);

        Assert.All(destination, v => Assert.Equal(Untouched, v));
    }

    [Fact]
    public void CopyRegion_WorksForOtherElementTypes()
    {
        double[] source = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5];
        var destination = new double[4];

        NDCopy.CopyRegion<double>(source, [2, 3], [0, 1], destination, [2, 2], [0, 0], [2, 2]);

        Assert.Equal([2.5, 3.5, 5.5, 6.5], destination);
    }

    [Fact]
    public void CopyRegion_RejectsMismatchedOrOutOfRangeRegions()
    {
        var source = new int[7 * 13];
        var destination = new int[5 * 5];

        // Rank mismatch.
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source, [7, 13], [0, 0], destination, [5, 5], [0, 0], [2]));
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source, [7, 13], [0], destination, [5, 5], [0, 0], [2, 2]));
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source, [7, 13], [0, 0], destination, [25], [0], [2, 2]));

        // Outside the source or the destination.
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source, [7, 13], [6, 0], destination, [5, 5], [0, 0], [2, 2]));
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source, [7, 13], [-1, 0], destination, [5, 5], [0, 0], [2, 2]));
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source, [7, 13], [0, 0], destination, [5, 5], [0, 4], [2, 2]));
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source, [7, 13], [0, 0], destination, [5, 5], [0, 0], [2, -1]));

        // A span shorter than its shape.
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source.AsSpan(1), [7, 13], [0, 0], destination, [5, 5], [0, 0], [2, 2]));
        Assert.Throws<ArgumentException>(() => NDCopy.CopyRegion<int>(source, [7, 13], [0, 0], destination.AsSpan(0, 24), [5, 5], [0, 0], [2, 2]));
    }

    [Fact]
    public void CopyStrided_RejectsRankAboveMaximum()
    {
        var shape = Enumerable.Repeat(1, 33).ToArray();
        var strides = new long[33];

        Assert.Throws<ArgumentException>(() => NDCopy.CopyStrided<int>(new int[1], strides, 0, new int[1], strides, 0, shape));
    }

    private static int[] RandomShape(Random random, int rank)
    {
        // Awkward sizes beside round ones; bounded so rank 5 stays small.
        int[] sizes = rank <= 2 ? [1, 2, 7, 16, 64, 193] : rank == 3 ? [1, 2, 3, 7, 8, 16, 31] : [1, 2, 3, 5, 7, 8];
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = sizes[random.Next(sizes.Length)];
        }

        return shape;
    }

    /// <summary>A parent array around <paramref name="region"/>, its strides for one of three layouts, and the region's offset in it.</summary>
    private static (int Length, long[] Strides, long Offset) RandomLayout(Random random, int[] region, int layout)
    {
        int rank = region.Length;
        var parent = new int[rank];
        var origin = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            parent[i] = region[i] + random.Next(0, 4);
            origin[i] = random.Next(0, parent[i] - region[i] + 1);
        }

        // Physical axis order, slowest first: identity is C order, reversed is F order, else shuffled.
        var order = Enumerable.Range(0, rank).ToArray();
        if (layout == 1)
        {
            Array.Reverse(order);
        }
        else if (layout == 2)
        {
            random.Shuffle(order);
        }

        var strides = new long[rank];
        long stride = 1;
        for (int p = rank - 1; p >= 0; p--)
        {
            strides[order[p]] = stride;
            stride *= parent[order[p]];
        }

        long offset = 0;
        for (int i = 0; i < rank; i++)
        {
            offset += origin[i] * strides[i];
        }

        return ((int)stride, strides, offset);
    }

    private static int Count(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    private static int[] Distinct(int length) => Enumerable.Range(1, length).ToArray();

    private static int[] Filled(int length) => Enumerable.Repeat(Untouched, length).ToArray();

    private static long COffset(int[] shape, long[] index)
    {
        long offset = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            offset = (offset * shape[i]) + index[i];
        }

        return offset;
    }

    /// <summary>Every index of <paramref name="shape"/> in C order, found by dividing a running count.</summary>
    private static IEnumerable<long[]> Indices(int[] shape)
    {
        int n = Count(shape);
        for (int linear = 0; linear < n; linear++)
        {
            var index = new long[shape.Length];
            int rest = linear;
            for (int i = shape.Length - 1; i >= 0; i--)
            {
                index[i] = rest % shape[i];
                rest /= shape[i];
            }

            yield return index;
        }
    }
}
