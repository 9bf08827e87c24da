using Tessera.Arrays.Graph;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Stores;

namespace Tessera.Arrays.Tests.Graph;

public sealed class AsTypeNodeTests
{
    // Each value with its uint16 conversion by truncation (NumPy's astype, saturating out of range)
    // and by rounding half away from zero and clipping; worked out by hand.
    private static readonly (float Value, ushort Truncated, ushort Rounded)[] FloatCases =
    [
        (-1.5f, 0, 0),
        (-0.5f, 0, 0),
        (-0.4f, 0, 0),
        (0.4f, 0, 0),
        (0.5f, 0, 1),
        (1.5f, 1, 2),
        (2.5f, 2, 3),
        (3.99f, 3, 4),
        (123.5f, 123, 124),
        (65534.5f, 65534, 65535),
        (65535.4f, 65535, 65535),
        (65535.6f, 65535, 65535),
        (70000f, 65535, 65535),
        (-70000f, 0, 0),
        (1e10f, 65535, 65535),
        (float.NaN, 0, 0),
        (float.PositiveInfinity, 65535, 65535),
        (float.NegativeInfinity, 0, 0),
    ];

    [Fact]
    public async Task AsType_FloatToUInt16Truncates()
    {
        var lazy = await FloatSourceAsync();

        using var result = await lazy.AsType(DataType.For<ushort>()).ComputeAsync<ushort>();

        Assert.Equal(FloatCases.Select(c => c.Truncated).ToArray(), result.Span.ToArray());
    }

    [Fact]
    public async Task AsType_FloatToUInt16RoundsAndClips()
    {
        var lazy = await FloatSourceAsync();

        var cast = lazy.AsType(DataType.For<ushort>(), CastMode.RoundAndClip);
        using var result = await cast.ComputeAsync<ushort>();

        Assert.Equal("astype", cast.NodeKind);
        Assert.Equal(FloatCases.Select(c => c.Rounded).ToArray(), result.Span.ToArray());
    }

    [Fact]
    public async Task AsType_IntegersWrapWhenTruncatingAndClipWhenRounding()
    {
        int[] values = [-1, 0, 1, 65535, 65536, 70000, -70000, int.MaxValue];
        using var data = NDBuffer<int>.Allocate([values.Length]);
        values.CopyTo(data.Span);
        var lazy = LazyArray.FromZarr(await TestArrays.WriteAsync(new MemoryStore(), data, [3]));

        using var wrapped = await lazy.AsType<ushort>().ComputeAsync<ushort>();
        using var clipped = await lazy.AsType(DataType.For<ushort>(), CastMode.RoundAndClip).ComputeAsync<ushort>();

        Assert.Equal(values.Select(v => unchecked((ushort)v)).ToArray(), wrapped.Span.ToArray());
        Assert.Equal([0, 0, 1, 65535, 65535, 65535, 0, 65535], clipped.Span.ToArray());
    }

    [Fact]
    public async Task AsType_UInt16ToFloatIsExactAndSameTypeIsTheSameArray()
    {
        using var data = TestArrays.RandomUInt16([3, 5, 7], seed: 5, max: 65536);
        var lazy = LazyArray.FromZarr(await TestArrays.WriteAsync(new MemoryStore(), data, [2, 2, 7]));

        var asFloat = lazy.AsType<float>();
        using var result = await asFloat.ComputeAsync<float>();

        Assert.Equal(data.Span.ToArray().Select(v => (float)v).ToArray(), result.Span.ToArray());
        Assert.Same(lazy, lazy.AsType<ushort>());
        Assert.Equal(asFloat.Chunks.ChunkShape.ToArray(), lazy.Chunks.ChunkShape.ToArray());
        Assert.Same(lazy, Assert.Single(asFloat.Inputs));
        Assert.Throws<NotSupportedException>(() => lazy.AsType<bool>());
    }

    private static async Task<LazyArray> FloatSourceAsync()
    {
        using var data = NDBuffer<float>.Allocate([FloatCases.Length]);
        for (int i = 0; i < FloatCases.Length; i++)
        {
            data.Span[i] = FloatCases[i].Value;
        }

        // Chunks of 5 that do not divide 18, so an edge chunk is converted too.
        return LazyArray.FromZarr(await TestArrays.WriteAsync(new MemoryStore(), data, [5]));
    }
}
