using System.Numerics;
using System.Text.Json.Nodes;
using Tessera.Arrays.Graph;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Plans;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;

namespace Tessera.Arrays.Tests.Graph;

public sealed class CoarsenNodeTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    // Shape, factors, source chunks, and output chunks (null: the default). Shapes do not divide by the
    // factors, and most chunkings are not aligned to them.
    public static TheoryData<int[], int[], int[], int[]?> Cases => new()
    {
        { [7, 9, 11], [2, 2, 3], [7, 9, 11], null },
        { [7, 9, 11], [2, 2, 3], [3, 4, 5], null },
        { [7, 9, 11], [2, 2, 3], [2, 2, 3], null },
        { [7, 9, 11], [2, 2, 3], [1, 5, 11], [2, 1, 3] },
        { [7, 9, 11], [1, 4, 5], [3, 3, 3], null },
        { [2, 3, 5, 7, 9], [1, 1, 2, 2, 2], [1, 2, 3, 4, 5], null },
        { [2, 3, 5, 7, 9], [1, 1, 2, 2, 2], [1, 1, 5, 7, 9], null },
        { [2, 3, 5, 7, 9], [1, 1, 2, 2, 2], [2, 3, 2, 2, 2], [1, 2, 1, 3, 2] },
        { [2, 2, 5, 9, 10], [1, 1, 1, 2, 2], [1, 1, 2, 3, 4], null },
        { [2, 2, 5, 9, 10], [1, 1, 1, 2, 2], [2, 2, 5, 9, 10], [2, 2, 5, 5, 5] },
        { [2, 2, 5, 9, 10], [1, 1, 3, 4, 5], [1, 2, 2, 5, 3], null },
    };

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Coarsen_UInt16MatchesTheReferenceExactly(int[] shape, int[] factors, int[] chunks, int[]? outputChunks)
    {
        using var data = TestArrays.RandomUInt16(shape, seed: 11, max: 65536);

        using var actual = await CoarsenAsync(data, chunks, factors, outputChunks);

        double[] mean = ReferenceMean(data, factors, out _);
        Assert.Equal(mean.Select(RoundHalfAwayFromZero).Select(v => (ushort)Math.Clamp(v, 0, 65535)).ToArray(), actual.Span.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Coarsen_Int8MatchesTheReferenceExactly(int[] shape, int[] factors, int[] chunks, int[]? outputChunks)
    {
        var random = new Random(17);
        using var data = NDBuffer<sbyte>.Allocate(shape);
        foreach (ref sbyte v in data.Span)
        {
            v = (sbyte)random.Next(-128, 128);
        }

        using var actual = await CoarsenAsync(data, chunks, factors, outputChunks);

        double[] mean = ReferenceMean(data, factors, out _);
        Assert.Equal(mean.Select(RoundHalfAwayFromZero).Select(v => (sbyte)Math.Clamp(v, -128, 127)).ToArray(), actual.Span.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Coarsen_Float32MatchesTheReferenceWithinRounding(int[] shape, int[] factors, int[] chunks, int[]? outputChunks)
    {
        using var data = TestArrays.RandomFloat(shape, seed: 23, lo: -1000, hi: 1000);

        using var actual = await CoarsenAsync(data, chunks, factors, outputChunks);

        double[] mean = ReferenceMean(data, factors, out int[] expectedShape);
        Assert.Equal(expectedShape, actual.Shape.ToArray());
        for (int i = 0; i < mean.Length; i++)
        {
            double error = Math.Abs(actual.Span[i] - mean[i]);
            Assert.True(error <= 1e-6 * Math.Max(Math.Abs(mean[i]), 1e-3), $"Element {i}: {actual.Span[i]} against {mean[i]}.");
        }
    }

    [Fact]
    public async Task Coarsen_RoundsHalvesAwayFromZeroAndAveragesOnlyTheElementsAtTheEdge()
    {
        // Pairs with means 1.5, 2.5, -2.5, -1.5, 126.5 and -127.5, then a lone 5 at the edge (not 2.5, as zero
        // padding would give).
        sbyte[] values = [1, 2, 2, 3, -3, -2, -1, -2, 127, 126, -128, -127, 5];
        using var data = NDBuffer<sbyte>.Allocate([values.Length]);
        values.CopyTo(data.Span);

        using var pairs = await (await TestArrays.SourceAsync(data, [5])).Coarsen([2]).ComputeAsync<sbyte>();

        Assert.Equal([2, 3, -3, -2, 127, -128, 5], pairs.Span.ToArray());

        // Thirds: 1/3 rounds down, 2/3 up; the edge block of two averages 65534.5 to 65535 (no overflow).
        ushort[] words = [0, 0, 1, 0, 1, 1, 65535, 65534];
        using var wordData = NDBuffer<ushort>.Allocate([words.Length]);
        words.CopyTo(wordData.Span);

        using var thirds = await (await TestArrays.SourceAsync(wordData, [4])).Coarsen([3]).ComputeAsync<ushort>();

        Assert.Equal([0, 1, 65535], thirds.Span.ToArray());
    }

    [Fact]
    public async Task Coarsen_ShapeChunksAndTypeFollowTheFactors()
    {
        using var data = TestArrays.RandomUInt16([2, 3, 17, 64, 63], seed: 3);
        var source = await TestArrays.SourceAsync(data, [1, 1, 8, 32, 32]);

        var level = source.Coarsen([1, 1, 2, 2, 2]);
        var rechunked = source.Coarsen([1, 1, 2, 2, 2], [1, 3, 9, 100, 7]);

        Assert.Equal("coarsen", level.NodeKind);
        Assert.Same(source, Assert.Single(level.Inputs));
        Assert.Equal(source.DataType, level.DataType);
        Assert.Equal([2L, 3, 9, 32, 32], level.Shape.ToArray());
        Assert.Equal([1, 1, 4, 16, 16], level.Chunks.ChunkShape.ToArray());
        Assert.Equal([1, 3, 9, 32, 7], rechunked.Chunks.ChunkShape.ToArray());
        Assert.Equal([1, 1, 2, 2, 3], source.Coarsen([2, 3, 5, 17, 11]).Chunks.ChunkShape.ToArray());
        Assert.Same(source, source.Coarsen([1, 1, 1, 1, 1]));
        Assert.NotSame(source, source.Coarsen([1, 1, 1, 1, 1], [1, 1, 8, 8, 8]));
    }

    [Fact]
    public async Task Coarsen_ARegionEqualsTheSameSliceOfTheWhole()
    {
        using var data = TestArrays.RandomUInt16([2, 3, 11, 13, 15], seed: 5, max: 65536);
        var level = (await TestArrays.SourceAsync(data, [1, 2, 4, 5, 6])).Coarsen([1, 1, 2, 2, 2]);
        using var whole = await level.ComputeAsync<ushort>();

        // A slice reads an unaligned region of the coarsened array, reaching its far edge on the last axes.
        var slice = level.Slice(1..2, 1..3, 1..5, 2.., 3..);
        using var part = await slice.ComputeAsync<ushort>();
        Assert.Equal([1L, 2, 4, 5, 5], slice.Shape.ToArray());
        for (int c = 0; c < 2; c++)
        {
            for (int z = 0; z < 4; z++)
            {
                for (int y = 0; y < 5; y++)
                {
                    for (int x = 0; x < 5; x++)
                    {
                        Assert.Equal(whole[1, c + 1, z + 1, y + 2, x + 3], part[0, c, z, y, x]);
                    }
                }
            }
        }

        // And the node's region compute directly, on a region that crosses its chunks.
        var context = new RegionContext(1, new SemaphoreSlim(1), CancellationToken.None);
        using var region = (NDBuffer<ushort>)await level.ReadRegionAsync([0, 1, 2, 3, 1], [2, 2, 4, 4, 6], context);
        for (int i = 0; i < region.Length; i++)
        {
            int[] index = TestArrays.Unravel(i, region.Shape);
            Assert.Equal(whole[index[0], index[1] + 1, index[2] + 2, index[3] + 3, index[4] + 1], region.Span[i]);
        }
    }

    [Fact]
    public async Task Coarsen_TokenDiffersWithFactorsAndChunks()
    {
        using var data = TestArrays.RandomUInt16([2, 8, 8, 8], seed: 7);
        var source = await TestArrays.SourceAsync(data, [1, 4, 4, 4]);

        string[] tokens =
        [
            source.Token,
            source.Coarsen([1, 2, 2, 2]).Token,
            source.Coarsen([1, 1, 2, 2]).Token,
            source.Coarsen([2, 2, 2, 2]).Token,
            source.Coarsen([1, 2, 2, 4]).Token,
            source.Coarsen([1, 2, 2, 2], [1, 4, 4, 4]).Token,
        ];

        Assert.Equal(tokens.Length, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(source.Coarsen([1, 2, 2, 2]).Token, source.Coarsen([1, 2, 2, 2]).Token);
        Assert.Equal(source.Coarsen([1, 2, 2, 2]).Token, source.Coarsen([1, 2, 2, 2], [1, 2, 2, 2]).Token);
    }

    [Fact]
    public async Task Coarsen_PlanRoundTripsWithTheSameTokenAndValues()
    {
        string path = _folder.Combine("source");
        using (var data = TestArrays.RandomUInt16([2, 5, 9, 11], seed: 9))
        {
            await TestArrays.WriteAsync(path, data, [1, 3, 4, 5]);
        }

        var array = (await LazyArray.OpenZarrAsync(path)).Coarsen([1, 2, 2, 3], [1, 2, 5, 1]).Coarsen([2, 1, 2, 2]);

        string text = LazyPlan.ToJson(array).ToJsonString();
        var rebuilt = await LazyPlan.FromJsonAsync(JsonNode.Parse(text)!.AsObject(), new OperationRegistry());

        Assert.Contains("\"node\":\"coarsen\",\"factors\":[1,2,2,3]", text, StringComparison.Ordinal);
        Assert.Equal(array.Token, rebuilt.Token);
        Assert.Equal(array.Chunks.ChunkShape.ToArray(), rebuilt.Chunks.ChunkShape.ToArray());
        using var expected = await array.ComputeAsync<ushort>();
        using var actual = await rebuilt.ComputeAsync<ushort>();
        Assert.Equal(expected.Span.ToArray(), actual.Span.ToArray());
    }

    [Fact]
    public async Task Coarsen_DeclaresTheInputRegionInItsWorkingSet()
    {
        using var data = TestArrays.RandomUInt16([4, 10, 10], seed: 1);
        var source = await TestArrays.SourceAsync(data, [2, 5, 5]);

        var level = source.Coarsen([1, 2, 2]);

        // Output chunks (2, 3, 3) read input regions of (2, 6, 6); then the double sums and the result.
        Assert.Equal([2, 3, 3], level.Chunks.ChunkShape.ToArray());
        Assert.Equal(source.RegionWorkingSet([2, 6, 6]) + (18 * sizeof(double)) + (18 * sizeof(ushort)), level.BlockWorkingSetBytes);
        Assert.True(level.BlockWorkingSetBytes > source.BlockWorkingSetBytes);
    }

    [Fact]
    public async Task Coarsen_RefusesBadFactorsAndChunksNamingTheAxis()
    {
        using var data = TestArrays.RandomUInt16([4, 6, 8], seed: 2);
        var source = await TestArrays.SourceAsync(data, [2, 3, 4]);

        var count = Assert.Throws<ArgumentException>(() => source.Coarsen([2, 2]));
        Assert.Contains("one factor per axis: 2 given for an array of 3 dimensions", count.Message, StringComparison.Ordinal);
        var zero = Assert.Throws<ArgumentException>(() => source.Coarsen([1, 0, 2]));
        Assert.Contains("factor of axis 1 is 0", zero.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentException>(() => source.Coarsen([1, 2, -3]));
        Assert.Contains("factor of axis 2 is -3", negative.Message, StringComparison.Ordinal);
        var chunks = Assert.Throws<ArgumentException>(() => source.Coarsen([2, 2, 2], [1, 0, 1]));
        Assert.Contains("chunk size of axis 1 is 0", chunks.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => source.Coarsen([2, 2, 2], [1, 1]));
    }

    // The mean of each block, by plain loops over the input: every element adds to the block it falls in.
    private static double[] ReferenceMean<T>(NDBuffer<T> data, int[] factors, out int[] shape)
        where T : unmanaged, INumber<T>
    {
        shape = data.Shape.ToArray().Select((n, a) => (n + factors[a] - 1) / factors[a]).ToArray();
        int length = shape.Aggregate(1, (p, n) => p * n);
        var sums = new double[length];
        var counts = new int[length];
        for (int i = 0; i < data.Length; i++)
        {
            int[] index = TestArrays.Unravel(i, data.Shape);
            int o = 0;
            for (int a = 0; a < index.Length; a++)
            {
                o = (o * shape[a]) + (index[a] / factors[a]);
            }

            sums[o] += double.CreateChecked(data.Span[i]);
            counts[o]++;
        }

        return sums.Select((s, o) => s / counts[o]).ToArray();
    }

    private static double RoundHalfAwayFromZero(double v) => Math.Sign(v) * Math.Floor(Math.Abs(v) + 0.5);

    private static async Task<NDBuffer<T>> CoarsenAsync<T>(NDBuffer<T> data, int[] chunks, int[] factors, int[]? outputChunks)
        where T : unmanaged
    {
        var level = (await TestArrays.SourceAsync(data, chunks)).Coarsen(factors, outputChunks);
        Assert.Equal(data.Shape.ToArray().Select((n, a) => (long)((n + factors[a] - 1) / factors[a])).ToArray(), level.Shape.ToArray());
        return await level.ComputeAsync<T>();
    }
}
