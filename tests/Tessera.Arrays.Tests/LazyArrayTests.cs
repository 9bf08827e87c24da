using System.Text.Json.Nodes;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Output;
using Tessera.Arrays.Scheduling;
using Tessera.Arrays.Signatures;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Stores;

namespace Tessera.Arrays.Tests;

public sealed class LazyArrayTests
{
    private static readonly int[] ImageShape = [2, 3, 8, 16, 16];
    private static readonly int[] PsfShape = [2, 1, 3, 3, 3];

    [Fact]
    public async Task MapBlocks_MatchesEagerLoopOverChannelsAndTimePoints()
    {
        using var folder = new TempDirectory();
        using var image = TestArrays.RandomUInt16(ImageShape, seed: 7);
        using var psf = TestArrays.RandomFloat(PsfShape, seed: 8, lo: 0.5f, hi: 2f);
        var lazy = await BuildPipelineAsync(folder, image, psf);

        Assert.Equal([2L, 3L, 8L, 16L, 16L], lazy.Shape.ToArray());
        Assert.Equal([1, 1, 8, 16, 16], lazy.Chunks.ChunkShape.ToArray());
        Assert.Equal(DataType.For<float>(), lazy.DataType);
        Assert.Equal("map_blocks", lazy.NodeKind);

        using var result = await lazy.ComputeAsync<float>();
        using var expected = Eager(image, psf);
        Assert.Equal(expected.Shape.ToArray(), result.Shape.ToArray());
        Assert.Equal(expected.Span.ToArray(), result.Span.ToArray());
    }

    [Fact]
    public async Task MapBlocks_ThreeDimensionalPsfServesEveryChannel()
    {
        using var folder = new TempDirectory();
        using var image = TestArrays.RandomUInt16([2, 2, 3, 4, 5], seed: 11);
        using var kernel = TestArrays.RandomFloat([2, 2, 2], seed: 12);
        var source = LazyArray.FromZarr(await TestArrays.WriteAsync(folder.Combine("image"), image, [1, 1, 3, 4, 5])).AsType<float>();
        var psf = LazyArray.FromZarr(await TestArrays.WriteAsync(folder.Combine("psf"), kernel, [2, 2, 2]));

        var lazy = LazyArray.MapBlocks("(z,y,x),(pz,py,px)->(z,y,x)", DataType.For<float>(), Function, [source, psf]);
        using var result = await lazy.ComputeAsync<float>();

        float sum = 0;
        foreach (float k in kernel.Span)
        {
            sum += k;
        }

        for (int i = 0; i < image.Length; i++)
        {
            int x = i % 5;
            Assert.Equal((image.Span[i] * sum) + (kernel.Span[0] * x), result.Span[i]);
        }
    }

    [Fact]
    public async Task MapBlocks_RefusesShapesThatDoNotBroadcastBeforeComputing()
    {
        var store = new MemoryStore();
        using var image = TestArrays.RandomFloat([2, 4, 3, 3, 3], seed: 1);
        var lazy = LazyArray.FromZarr(await TestArrays.WriteAsync(store, image, [1, 1, 3, 3, 3]));
        var other = LazyArray.FromZarr(await TestArrays.WriteAsync(new MemoryStore(), image, [1, 1, 3, 3, 3])).Slice(0..1, 0..3);
        int calls = 0;

        var error = Assert.Throws<SignatureException>(() => LazyArray.MapBlocks(
            "(z,y,x),(pz,py,px)->(z,y,x)",
            DataType.For<float>(),
            (inputs, _) =>
            {
                calls++;
                return inputs[0];
            },
            [lazy, other]));

        Assert.Contains("is 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("has 4", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task MapBlocks_BlockOfTheWrongShapeFailsClearly()
    {
        using var data = TestArrays.RandomFloat([2, 4, 4], seed: 2);
        var source = LazyArray.FromZarr(await TestArrays.WriteAsync(new MemoryStore(), data, [1, 4, 4]));
        var lazy = LazyArray.MapBlocks("(y,x)->(y,x)", DataType.For<float>(), (_, _) => NDBuffer<float>.Allocate([4, 3]), [source]);

        var error = await Assert.ThrowsAsync<BlockFailedException>(() => lazy.ComputeAsync<float>(new ComputeOptions { Retries = 0 }));

        Assert.Contains("returned a float32 block of shape (4, 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("promise float32 of (4, 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputeAsync_RefusesTheWrongElementType()
    {
        using var data = TestArrays.RandomUInt16([4, 4], seed: 3);
        var lazy = LazyArray.FromZarr(await TestArrays.WriteAsync(new MemoryStore(), data, [2, 2]));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => lazy.ComputeAsync<float>());

        Assert.Contains("holds uint16", error.Message, StringComparison.Ordinal);
        Assert.Contains("AsType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteZarrAsync_OutputReadsBackAsComputed()
    {
        using var folder = new TempDirectory();
        using var image = TestArrays.RandomUInt16(ImageShape, seed: 21);
        using var psf = TestArrays.RandomFloat(PsfShape, seed: 22, lo: -1f, hi: 1f);
        var lazy = await BuildPipelineAsync(folder, image, psf);
        string output = folder.Combine("out.zarr", "result");

        // A closure cannot record its plan, so the job record is given explicitly.
        var result = await lazy.WriteZarrAsync(output, new ZarrWriteOptions { Job = new JsonObject { ["test"] = "closure pipeline" } });

        Assert.Equal(6, result.ChunksTotal);
        Assert.Equal(6, result.ChunksWritten);
        Assert.False(result.WasComplete);
        Assert.True(File.Exists(folder.Combine("out.zarr", ".zgroup")));
        using var written = await TestArrays.ReadAllAsync<float>(output);
        using var computed = await lazy.ComputeAsync<float>();
        using var expected = Eager(image, psf);
        Assert.Equal(computed.Span.ToArray(), written.Span.ToArray());
        Assert.Equal(expected.Span.ToArray(), written.Span.ToArray());
    }

    [Fact]
    public async Task WriteZarrAsync_ClosureWithoutJobRecordIsRefusedBeforeTouchingTheOutput()
    {
        using var folder = new TempDirectory();
        using var image = TestArrays.RandomUInt16(ImageShape, seed: 31);
        using var psf = TestArrays.RandomFloat(PsfShape, seed: 32);
        var lazy = await BuildPipelineAsync(folder, image, psf);
        string output = folder.Combine("out");

        var error = await Assert.ThrowsAsync<PlanSerializationException>(() => lazy.WriteZarrAsync(output));

        Assert.Contains("closure", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    private static async Task<LazyArray> BuildPipelineAsync(TempDirectory folder, NDBuffer<ushort> image, NDBuffer<float> psf)
    {
        var source = LazyArray.FromZarr(await TestArrays.WriteAsync(folder.Combine("image"), image, [1, 1, 8, 16, 16], new JsonObject { ["id"] = "zstd", ["level"] = 1 }));
        var kernel = LazyArray.FromZarr(await TestArrays.WriteAsync(folder.Combine("psf"), psf, [1, 1, 3, 3, 3]));
        return LazyArray.MapBlocks("(z,y,x),(pz,py,px)->(z,y,x)", DataType.For<float>(), Function, [source.AsType<float>(), kernel]);
    }

    /// <summary>out[z,y,x] = vol[z,y,x]·Σk + k[0,0,0]·x: depends on both inputs and on the position.</summary>
    private static NDBuffer<float> Function(IReadOnlyList<INDBuffer> inputs, BlockContext context)
    {
        var volume = (NDBuffer<float>)inputs[0];
        var kernel = (NDBuffer<float>)inputs[1];
        Assert.Equal(2, context.InputKeys.Count);
        float sum = 0;
        foreach (float k in kernel.Span)
        {
            sum += k;
        }

        var output = NDBuffer<float>.Allocate(volume.Shape, clear: false);
        int nx = volume.Shape[^1];
        for (int i = 0; i < volume.Length; i++)
        {
            output.Span[i] = (volume.Span[i] * sum) + (kernel.Span[0] * (i % nx));
        }

        return output;
    }

    private static NDBuffer<float> Eager(NDBuffer<ushort> image, NDBuffer<float> psf)
    {
        var result = NDBuffer<float>.Allocate(image.Shape);
        for (int c = 0; c < image.Shape[0]; c++)
        {
            float sum = 0;
            for (int z = 0; z < psf.Shape[2]; z++)
            {
                for (int y = 0; y < psf.Shape[3]; y++)
                {
                    for (int x = 0; x < psf.Shape[4]; x++)
                    {
                        sum += psf[c, 0, z, y, x];
                    }
                }
            }

            for (int t = 0; t < image.Shape[1]; t++)
            {
                for (int z = 0; z < image.Shape[2]; z++)
                {
                    for (int y = 0; y < image.Shape[3]; y++)
                    {
                        for (int x = 0; x < image.Shape[4]; x++)
                        {
                            result[c, t, z, y, x] = (image[c, t, z, y, x] * sum) + (psf[c, 0, 0, 0, 0] * x);
                        }
                    }
                }
            }
        }

        return result;
    }
}
