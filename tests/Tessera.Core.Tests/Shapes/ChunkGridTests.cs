using Tessera.Shapes;

namespace Tessera.Core.Tests.Shapes;

public class ChunkGridTests
{
    [Fact]
    public void GridShape_CountsPartialEdgeChunks()
    {
        var grid = new ChunkGrid([193, 7, 64, 1], [64, 7, 10, 3]);

        Assert.Equal(4, grid.Rank);
        Assert.Equal([4L, 1L, 7L, 1L], grid.GridShape.ToArray());
        Assert.Equal(4 * 7, grid.ChunkCount);
        Assert.Equal(64 * 7 * 10 * 3, grid.ChunkLength);
        Assert.Equal([193L, 7L, 64L, 1L], grid.Shape.ToArray());
        Assert.Equal([64, 7, 10, 3], grid.ChunkShape.ToArray());
    }

    [Fact]
    public void GetChunkExtent_ClipsEdgeChunks()
    {
        var grid = new ChunkGrid([193, 64], [64, 10]);
        var origin = new long[2];
        var extent = new int[2];

        grid.GetChunkExtent([0, 0], origin, extent);
        Assert.Equal([0L, 0L], origin);
        Assert.Equal([64, 10], extent);

        grid.GetChunkExtent([3, 6], origin, extent);
        Assert.Equal([192L, 60L], origin);
        Assert.Equal([1, 4], extent);

        grid.GetChunkExtent([2, 5], origin, extent);
        Assert.Equal([128L, 50L], origin);
        Assert.Equal([64, 10], extent);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void GetChunkExtent_TilesTheArrayExactlyOnce(int rank)
    {
        var random = new Random(100 + rank);
        for (int trial = 0; trial < 20; trial++)
        {
            var (shape, chunks) = RandomGrid(random, rank);
            var grid = new ChunkGrid(shape, chunks);
            var covered = new int[ShapeMath.Product(shape)];
            var origin = new long[rank];
            var extent = new int[rank];
            long expectedChunks = 1;
            for (int i = 0; i < rank; i++)
            {
                long count = 0;
                for (long start = 0; start < shape[i]; start += chunks[i])
                {
                    count++;
                }

                Assert.Equal(count, grid.GridShape[i]);
                expectedChunks *= count;
            }

            var all = grid.AllChunks().ToList();
            Assert.Equal(expectedChunks, all.Count);
            Assert.Equal(grid.ChunkCount, all.Count);
            Assert.Equal(Enumerable.Range(0, all.Count).Select(i => (long)i), all.Select(c => grid.LinearIndex(c)));
            foreach (var chunk in all)
            {
                grid.GetChunkExtent(chunk, origin, extent);
                foreach (var local in Indices(extent.Select(e => (long)e).ToArray()))
                {
                    long linear = 0;
                    for (int i = 0; i < rank; i++)
                    {
                        Assert.InRange(extent[i], 1, chunks[i]);
                        linear = (linear * shape[i]) + origin[i] + local[i];
                    }

                    covered[linear]++;
                }
            }

            Assert.All(covered, c => Assert.Equal(1, c));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ChunksIntersecting_MatchesBruteForce(int rank)
    {
        var random = new Random(200 + rank);
        for (int trial = 0; trial < 50; trial++)
        {
            var (shape, chunks) = RandomGrid(random, rank);
            var grid = new ChunkGrid(shape, chunks);
            var regionOrigin = new long[rank];
            var regionShape = new long[rank];
            for (int i = 0; i < rank; i++)
            {
                regionOrigin[i] = random.NextInt64(0, shape[i] + 1);
                regionShape[i] = random.NextInt64(trial % 7 == 0 ? 0 : Math.Min(1, shape[i] - regionOrigin[i]), shape[i] - regionOrigin[i] + 1);
            }

            var expected = BruteForceIntersecting(shape, chunks, regionOrigin, regionShape);

            var actual = grid.ChunksIntersecting(regionOrigin, regionShape).ToList();

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ChunksIntersecting_SpansChunkBoundaries()
    {
        var grid = new ChunkGrid([100, 100], [10, 32]);

        var chunks = grid.ChunksIntersecting([9, 31], [2, 34]).ToList();

        long[][] expected = [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]];
        Assert.Equal(expected, chunks);
    }

    [Fact]
    public void AllChunks_EnumeratesGridInCOrder()
    {
        long[] shape = [7, 193, 5];
        int[] chunks = [3, 64, 5];
        var grid = new ChunkGrid(shape, chunks);

        var expected = BruteForceIntersecting(shape, chunks, new long[3], shape);

        Assert.Equal(expected, grid.AllChunks().ToList());
    }

    [Fact]
    public void ChunkGrid_HandlesZeroSizeArrays()
    {
        var grid = new ChunkGrid([0, 5], [4, 2]);

        Assert.Equal([0L, 3L], grid.GridShape.ToArray());
        Assert.Equal(0, grid.ChunkCount);
        Assert.Empty(grid.AllChunks());
        Assert.Empty(grid.ChunksIntersecting([0, 0], [0, 5]));
        Assert.Empty(grid.ChunksIntersecting([0, 2], [0, 3]));
    }

    [Fact]
    public void ChunksIntersecting_EmptyRegionHasNoChunks()
    {
        var grid = new ChunkGrid([64, 64], [8, 8]);

        Assert.Empty(grid.ChunksIntersecting([10, 10], [0, 20]));
        Assert.Empty(grid.ChunksIntersecting([64, 0], [0, 64]));
    }

    [Fact]
    public void ChunkGrid_HandlesRankZero()
    {
        var grid = new ChunkGrid([], []);

        Assert.Equal(0, grid.Rank);
        Assert.Equal(1, grid.ChunkCount);
        Assert.Equal(1, grid.ChunkLength);
        var chunk = Assert.Single(grid.AllChunks());
        Assert.Empty(chunk);
        Assert.Single(grid.ChunksIntersecting([], []));
        grid.GetChunkExtent([], [], []);
    }

    [Fact]
    public void ChunkGrid_RejectsInvalidShapes()
    {
        Assert.Throws<ArgumentException>(() => new ChunkGrid([10, 10], [5]));
        Assert.Throws<ArgumentException>(() => new ChunkGrid([10], [5, 5]));
        Assert.Throws<ArgumentException>(() => new ChunkGrid([10, 10], [5, 0]));
        Assert.Throws<ArgumentException>(() => new ChunkGrid([10, 10], [-1, 5]));
        Assert.Throws<ArgumentException>(() => new ChunkGrid([10, -1], [5, 5]));
    }

    [Fact]
    public void ChunksIntersecting_RejectsRegionsOutsideTheArrayEagerly()
    {
        var grid = new ChunkGrid([193, 7], [64, 7]);

        // Not enumerated: the check must happen at the call, not on first MoveNext.
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.ChunksIntersecting([0], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.ChunksIntersecting([0, 0, 0], [1, 1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.ChunksIntersecting([0, 0], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.ChunksIntersecting([-1, 0], [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.ChunksIntersecting([0, 0], [194, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.ChunksIntersecting([190, 0], [4, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.ChunksIntersecting([0, 7], [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.ChunksIntersecting([0, 0], [1, -1]));
    }

    private static (long[] Shape, int[] Chunks) RandomGrid(Random random, int rank)
    {
        long[] sizes = rank <= 2 ? [0, 1, 7, 16, 64, 193] : [1, 2, 7, 8, 13];
        var shape = new long[rank];
        var chunks = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = sizes[random.Next(sizes.Length)];

            // Chunks from 1 to a little past the axis, so some are larger than the array.
            chunks[i] = random.Next(1, (int)shape[i] + 4);
        }

        return (shape, chunks);
    }

    private static List<long[]> BruteForceIntersecting(long[] shape, int[] chunks, long[] regionOrigin, long[] regionShape)
    {
        int rank = shape.Length;
        var gridShape = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            gridShape[i] = (long)Math.Ceiling(shape[i] / (double)chunks[i]);
        }

        var result = new List<long[]>();
        foreach (var chunk in Indices(gridShape))
        {
            bool intersects = true;
            for (int i = 0; i < rank; i++)
            {
                long start = Math.Max(chunk[i] * chunks[i], regionOrigin[i]);
                long end = Math.Min(Math.Min((chunk[i] + 1) * chunks[i], shape[i]), regionOrigin[i] + regionShape[i]);
                intersects &= start < end;
            }

            if (intersects)
            {
                result.Add(chunk);
            }
        }

        return result;
    }

    /// <summary>Every index of <paramref name="shape"/> in C order, found by dividing a running count.</summary>
    private static IEnumerable<long[]> Indices(long[] shape)
    {
        long n = ShapeMath.Product(shape);
        for (long linear = 0; linear < n; linear++)
        {
            var index = new long[shape.Length];
            long rest = linear;
            for (int i = shape.Length - 1; i >= 0; i--)
            {
                index[i] = rest % shape[i];
                rest /= shape[i];
            }

            yield return index;
        }
    }
}
