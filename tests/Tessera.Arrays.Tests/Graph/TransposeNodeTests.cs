using System.Text.Json.Nodes;
using Tessera.Arrays.Graph;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Plans;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.Storage.Tests.Stores;
using Tessera.Stores;

namespace Tessera.Arrays.Tests.Graph;

public sealed class TransposeNodeTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    // Shape, source chunks and permutation: ranks 2, 3 and 5, chunks that do not divide the shape.
    public static TheoryData<int[], int[], int[]> Cases => new()
    {
        { [5, 7], [2, 3], [1, 0] },
        { [5, 7], [5, 7], [1, 0] },
        { [4, 5, 6], [3, 2, 4], [2, 1, 0] },
        { [4, 5, 6], [3, 2, 4], [1, 2, 0] },
        { [4, 5, 6], [4, 5, 6], [0, 2, 1] },
        { [2, 3, 5, 7, 9], [1, 1, 5, 7, 9], [1, 0, 2, 3, 4] },
        { [2, 3, 5, 7, 9], [1, 2, 3, 4, 5], [1, 0, 2, 3, 4] },
        { [2, 3, 5, 7, 9], [2, 2, 2, 3, 4], [4, 3, 2, 1, 0] },
        { [2, 3, 5, 7, 9], [1, 3, 4, 5, 2], [3, 0, 4, 2, 1] },
    };

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Transpose_UInt8MatchesTheReference(int[] shape, int[] chunks, int[] permutation) =>
        CheckAsync(shape, chunks, permutation, r => (byte)r.Next(256));

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Transpose_UInt16MatchesTheReference(int[] shape, int[] chunks, int[] permutation) =>
        CheckAsync(shape, chunks, permutation, r => (ushort)r.Next(65536));

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Transpose_Float32MatchesTheReference(int[] shape, int[] chunks, int[] permutation) =>
        CheckAsync(shape, chunks, permutation, r => (r.NextSingle() * 2000) - 1000);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Transpose_Float64MatchesTheReference(int[] shape, int[] chunks, int[] permutation) =>
        CheckAsync(shape, chunks, permutation, r => (r.NextDouble() * 2e6) - 1e6);

    [Fact]
    public async Task Transpose_ShapeChunksAndTypeFollowThePermutation()
    {
        using var data = TestArrays.RandomUInt16([2, 3, 5, 7, 9], seed: 3);
        var source = await TestArrays.SourceAsync(data, [1, 2, 5, 4, 3]);

        var transposed = source.Transpose(1, 0, 2, 3, 4);
        var reversed = source.Transpose(4, 3, 2, 1, 0);

        Assert.Equal("transpose", transposed.NodeKind);
        Assert.Same(source, Assert.Single(transposed.Inputs));
        Assert.Equal(source.DataType, transposed.DataType);
        Assert.Equal([3L, 2, 5, 7, 9], transposed.Shape.ToArray());
        Assert.Equal([2, 1, 5, 4, 3], transposed.Chunks.ChunkShape.ToArray());
        Assert.Equal([9L, 7, 5, 3, 2], reversed.Shape.ToArray());
        Assert.Equal([3, 4, 5, 2, 1], reversed.Chunks.ChunkShape.ToArray());
        Assert.Same(source, source.Transpose(0, 1, 2, 3, 4));

        // Transposing back is the original.
        using var back = await transposed.Transpose(1, 0, 2, 3, 4).ComputeAsync<ushort>();
        Assert.Equal(data.Span.ToArray(), back.Span.ToArray());
    }

    [Fact]
    public async Task Transpose_ARegionEqualsTheSameSliceOfTheWhole()
    {
        using var data = TestArrays.RandomUInt16([2, 3, 5, 7, 9], seed: 5, max: 65536);
        var transposed = (await TestArrays.SourceAsync(data, [1, 2, 2, 3, 4])).Transpose(3, 0, 4, 2, 1);
        using var whole = await transposed.ComputeAsync<ushort>();
        Assert.Equal([7, 2, 9, 5, 3], whole.Shape.ToArray());

        // A slice reads an unaligned region, reaching the far edge on the last axes.
        var slice = transposed.Slice(2..6, 1..2, 3.., 1..4, 1..);
        using var part = await slice.ComputeAsync<ushort>();
        Assert.Equal([4L, 1, 6, 3, 2], slice.Shape.ToArray());
        for (int i = 0; i < part.Length; i++)
        {
            int[] index = TestArrays.Unravel(i, part.Shape);
            Assert.Equal(whole[index[0] + 2, index[1] + 1, index[2] + 3, index[3] + 1, index[4] + 1], part.Span[i]);
        }

        // And the node's region compute directly, on a region that crosses its chunks.
        var context = new RegionContext(1, new SemaphoreSlim(1), CancellationToken.None);
        using var region = (NDBuffer<ushort>)await transposed.ReadRegionAsync([1, 0, 2, 1, 1], [5, 2, 6, 3, 2], context);
        for (int i = 0; i < region.Length; i++)
        {
            int[] index = TestArrays.Unravel(i, region.Shape);
            Assert.Equal(whole[index[0] + 1, index[1], index[2] + 2, index[3] + 1, index[4] + 1], region.Span[i]);
        }
    }

    [Fact]
    public async Task Transpose_OmeOrderReadsExactlyOneInputChunkPerOutputBlock()
    {
        // (c, t, z, y, x) with one chunk per volume, to OME-Zarr's (t, c, z, y, x).
        var store = new CountingStore(new MemoryStore());
        using var data = TestArrays.RandomUInt16([2, 3, 4, 6, 5], seed: 13, max: 65536);
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(store, data, [1, 1, 4, 6, 5]));
        var ome = image.Transpose(1, 0, 2, 3, 4);
        Assert.Equal([3L, 2, 4, 6, 5], ome.Shape.ToArray());
        Assert.Equal([1, 1, 4, 6, 5], ome.Chunks.ChunkShape.ToArray());

        var context = new RegionContext(1, new SemaphoreSlim(1), CancellationToken.None);
        for (int t = 0; t < 3; t++)
        {
            for (int c = 0; c < 2; c++)
            {
                store.Clear();
                using var block = (NDBuffer<ushort>)await ome.ReadRegionAsync([t, c, 0, 0, 0], [1, 1, 4, 6, 5], context);
                Assert.Equal($"{c}.{t}.0.0.0", Assert.Single(store.Requests).Key);
                for (int i = 0; i < block.Length; i++)
                {
                    int[] index = TestArrays.Unravel(i, block.Shape);
                    Assert.Equal(data[c, t, index[2], index[3], index[4]], block.Span[i]);
                }
            }
        }

        // A whole computation reads each input chunk once, six in all.
        store.Clear();
        using var all = await ome.ComputeAsync<ushort>();
        Assert.Equal(6, store.Requests.Count);
        Assert.Equal(6, store.Requests.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ReferenceTranspose(data, [1, 0, 2, 3, 4]), all.Span.ToArray());

        // Only size-1 axes move within a block, so the block is passed on without a second copy.
        Assert.Equal(image.RegionWorkingSet([1, 1, 4, 6, 5]), ome.RegionWorkingSet([1, 1, 4, 6, 5]));
        Assert.Equal(image.RegionWorkingSet([1, 2, 4, 6, 5]), ome.RegionWorkingSet([2, 1, 4, 6, 5]));
        Assert.Equal(image.RegionWorkingSet([2, 2, 4, 6, 5]) + (2 * 2 * 4 * 6 * 5 * sizeof(ushort)), ome.RegionWorkingSet([2, 2, 4, 6, 5]));
    }

    [Fact]
    public async Task Transpose_TokenDiffersWithThePermutation()
    {
        using var data = TestArrays.RandomUInt16([2, 3, 4], seed: 7);
        var source = await TestArrays.SourceAsync(data, [1, 2, 2]);

        string[] tokens =
        [
            source.Token,
            source.Transpose(1, 0, 2).Token,
            source.Transpose(2, 1, 0).Token,
            source.Transpose(0, 2, 1).Token,
            source.Transpose(1, 2, 0).Token,
            source.Transpose(2, 0, 1).Token,
            source.Transpose(1, 0, 2).Transpose(1, 0, 2).Token,
        ];

        Assert.Equal(tokens.Length, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(source.Transpose(2, 0, 1).Token, source.Transpose(2, 0, 1).Token);
    }

    [Fact]
    public async Task Transpose_PlanRoundTripsWithTheSameTokenAndValues()
    {
        string path = _folder.Combine("source");
        using (var data = TestArrays.RandomUInt16([2, 3, 5, 7, 9], seed: 9))
        {
            await TestArrays.WriteAsync(path, data, [1, 2, 3, 4, 5]);
        }

        var array = (await LazyArray.OpenZarrAsync(path)).Transpose(1, 0, 2, 3, 4).Slice(.., .., 1..4).Transpose(4, 3, 2, 1, 0);

        string text = LazyPlan.ToJson(array).ToJsonString();
        var rebuilt = await LazyPlan.FromJsonAsync(JsonNode.Parse(text)!.AsObject(), new OperationRegistry());

        Assert.Contains("\"node\":\"transpose\",\"permutation\":[1,0,2,3,4]", text, StringComparison.Ordinal);
        Assert.Contains("\"node\":\"transpose\",\"permutation\":[4,3,2,1,0]", text, StringComparison.Ordinal);
        Assert.Equal(array.Token, rebuilt.Token);
        Assert.Equal(array.Shape.ToArray(), rebuilt.Shape.ToArray());
        Assert.Equal(array.Chunks.ChunkShape.ToArray(), rebuilt.Chunks.ChunkShape.ToArray());
        using var expected = await array.ComputeAsync<ushort>();
        using var actual = await rebuilt.ComputeAsync<ushort>();
        Assert.Equal(expected.Span.ToArray(), actual.Span.ToArray());
    }

    [Fact]
    public async Task Transpose_DeclaresTheInputRegionInItsWorkingSet()
    {
        using var data = TestArrays.RandomUInt16([4, 10, 10], seed: 1);
        var source = await TestArrays.SourceAsync(data, [2, 5, 4]);

        var transposed = source.Transpose(2, 0, 1);

        // Output chunks (4, 2, 5) read input regions of (2, 5, 4); then the permuted copy.
        Assert.Equal([4, 2, 5], transposed.Chunks.ChunkShape.ToArray());
        Assert.Equal(source.RegionWorkingSet([2, 5, 4]) + (40 * sizeof(ushort)), transposed.BlockWorkingSetBytes);
    }

    [Fact]
    public async Task Transpose_RefusesWhatIsNotAPermutationNamingItAndTheRank()
    {
        using var data = TestArrays.RandomUInt16([4, 6, 8], seed: 2);
        var source = await TestArrays.SourceAsync(data, [2, 3, 4]);

        string[][] cases =
        [
            ["(1, 0)", "3 dimensions"],
            ["(0, 1, 2, 3)", "3 dimensions"],
            ["(0, 0, 1)", "3 dimensions"],
            ["(0, 1, 3)", "3 dimensions"],
            ["(0, -1, 2)", "3 dimensions"],
        ];
        int[][] permutations = [[1, 0], [0, 1, 2, 3], [0, 0, 1], [0, 1, 3], [0, -1, 2]];
        for (int i = 0; i < permutations.Length; i++)
        {
            var error = Assert.Throws<ArgumentException>(() => source.Transpose(permutations[i]));
            Assert.Contains(cases[i][0], error.Message, StringComparison.Ordinal);
            Assert.Contains(cases[i][1], error.Message, StringComparison.Ordinal);
            Assert.Equal("permutation", error.ParamName);
        }

        Assert.Throws<ArgumentNullException>(() => source.Transpose(null!));
    }

    // Plain loops: output element o is input element i with i[permutation[a]] = o[a].
    private static T[] ReferenceTranspose<T>(NDBuffer<T> data, int[] permutation)
        where T : unmanaged
    {
        int[] inputShape = data.Shape.ToArray();
        int[] shape = permutation.Select(p => inputShape[p]).ToArray();
        var result = new T[data.Length];
        for (int o = 0; o < result.Length; o++)
        {
            int[] outputIndex = TestArrays.Unravel(o, shape);
            var inputIndex = new int[shape.Length];
            for (int a = 0; a < shape.Length; a++)
            {
                inputIndex[permutation[a]] = outputIndex[a];
            }

            int i = 0;
            for (int a = 0; a < shape.Length; a++)
            {
                i = (i * inputShape[a]) + inputIndex[a];
            }

            result[o] = data.Span[i];
        }

        return result;
    }

    private static async Task CheckAsync<T>(int[] shape, int[] chunks, int[] permutation, Func<Random, T> next)
        where T : unmanaged
    {
        var random = new Random(shape.Sum() + permutation[0]);
        using var data = NDBuffer<T>.Allocate(shape);
        foreach (ref T v in data.Span)
        {
            v = next(random);
        }

        var transposed = (await TestArrays.SourceAsync(data, chunks)).Transpose(permutation);
        using var actual = await transposed.ComputeAsync<T>();

        Assert.Equal(permutation.Select(p => (long)shape[p]).ToArray(), transposed.Shape.ToArray());
        Assert.Equal(permutation.Select(p => chunks[p]).ToArray(), transposed.Chunks.ChunkShape.ToArray());
        Assert.Equal(permutation.Select(p => shape[p]).ToArray(), actual.Shape.ToArray());
        Assert.Equal(ReferenceTranspose(data, permutation), actual.Span.ToArray());
    }
}
