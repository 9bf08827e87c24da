using Tessera.Arrays.Graph;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.Stores;

namespace Tessera.Arrays.Tests.Graph;

public sealed class SliceNodeTests
{
    // An awkward 5 x 7 x 9 array in chunks that do not divide it, holding f(i, j, k) = 1000i + 100j + k.
    private static int F(int i, int j, int k) => (1000 * i) + (100 * j) + k;

    [Fact]
    public async Task Slice_KeepsRangesOfLeadingAxes()
    {
        var lazy = await SourceAsync();

        var slice = lazy.Slice(1..4, .., 2..7);
        using var result = await slice.ComputeAsync<int>();

        Assert.Equal([3L, 7L, 5L], slice.Shape.ToArray());
        Assert.Equal([2, 3, 4], slice.Chunks.ChunkShape.ToArray());
        Assert.Equal("slice", slice.NodeKind);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                for (int k = 0; k < 5; k++)
                {
                    Assert.Equal(F(i + 1, j, k + 2), result[i, j, k]);
                }
            }
        }
    }

    [Fact]
    public async Task Slice_FromEndAndUnnamedTrailingAxes()
    {
        var lazy = await SourceAsync();

        var slice = lazy.Slice(^2.., 6..);
        using var result = await slice.ComputeAsync<int>();

        Assert.Equal([2L, 1L, 9L], slice.Shape.ToArray());
        Assert.Equal([2, 1, 4], slice.Chunks.ChunkShape.ToArray());
        for (int i = 0; i < 2; i++)
        {
            for (int k = 0; k < 9; k++)
            {
                Assert.Equal(F(i + 3, 6, k), result[i, 0, k]);
            }
        }
    }

    [Fact]
    public async Task Take_DropsTheAxis()
    {
        var lazy = await SourceAsync();

        var plane = lazy.Take(1, 4);
        using var result = await plane.ComputeAsync<int>();

        Assert.Equal([5L, 9L], plane.Shape.ToArray());
        for (int i = 0; i < 5; i++)
        {
            for (int k = 0; k < 9; k++)
            {
                Assert.Equal(F(i, 4, k), result[i, k]);
            }
        }

        var row = plane.Take(1, 8);
        using var last = await row.ComputeAsync<int>();
        Assert.Equal([5L], row.Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 5).Select(i => F(i, 4, 8)).ToArray(), last.Span.ToArray());
    }

    [Fact]
    public async Task Select_MixesIndicesAndRanges()
    {
        var lazy = await SourceAsync();

        var selected = lazy.Select(AxisSelection.At(2), AxisSelection.Range(1, 3), AxisSelection.At(7));
        using var result = await selected.ComputeAsync<int>();

        Assert.Equal([2L], selected.Shape.ToArray());
        Assert.Equal([F(2, 1, 7), F(2, 2, 7)], result.Span.ToArray());

        var sliceOfSlice = lazy.Slice(1..5, 2..7).Slice(1..3, .., 3..4);
        using var nested = await sliceOfSlice.ComputeAsync<int>();
        Assert.Equal([2L, 5L, 1L], sliceOfSlice.Shape.ToArray());
        Assert.Equal(F(2, 2, 3), nested[0, 0, 0]);
        Assert.Equal(F(3, 6, 3), nested[1, 4, 0]);
    }

    [Fact]
    public async Task Slice_RefusesSelectionsOutsideTheArray()
    {
        var lazy = await SourceAsync();

        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => lazy.Slice(0..6));
        Assert.Contains("Axis 0 has 5 elements; range [0, 6)", outside.Message, StringComparison.Ordinal);
        var empty = Assert.Throws<ArgumentOutOfRangeException>(() => lazy.Slice(.., 3..3));
        Assert.Contains("range [3, 3) is outside it or empty", empty.Message, StringComparison.Ordinal);
        var index = Assert.Throws<ArgumentOutOfRangeException>(() => lazy.Take(2, 9));
        Assert.Contains("Axis 2 has 9 elements; index 9", index.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => lazy.Take(3, 0));
        var tooMany = Assert.Throws<ArgumentException>(() => lazy.Select(AxisSelection.All, AxisSelection.All, AxisSelection.All, AxisSelection.All));
        Assert.Contains("4 selections given for an array of 3 dimensions", tooMany.Message, StringComparison.Ordinal);
    }

    private static async Task<LazyArray> SourceAsync()
    {
        var data = NDBuffer<int>.Allocate([5, 7, 9]);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                for (int k = 0; k < 9; k++)
                {
                    data[i, j, k] = F(i, j, k);
                }
            }
        }

        using (data)
        {
            return LazyArray.FromZarr(await TestArrays.WriteAsync(new MemoryStore(), data, [2, 3, 4]));
        }
    }
}
