using System.Text.Json.Nodes;
using Tessera.Arrays;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Plans;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Imaging.Deconvolution;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Imaging.Tests.Deconvolution;

/// <summary>Richardson–Lucy as a block operation over lazy arrays: pairing of volumes with PSFs, parameters, plans.</summary>
public sealed class RichardsonLucyOperationTests
{
    private static readonly RichardsonLucyOptions Options = new() { Iterations = 3, PadMode = PadMode.Reflect, InitialEstimate = InitialEstimate.Mean, Threads = 1 };

    [Fact]
    public async Task Deconvolve_PairsEachVolumeWithItsChannelsPsf_AndEqualsTheDenseResult()
    {
        using var temp = new TempDirectory();
        var (image, psf) = await CreateAsync(temp, seed: 3);

        var lazy = LazyArray.FromZarr(image).Deconvolve(LazyArray.FromZarr(psf), Options);
        using var result = await lazy.ComputeAsync<float>(new() { MemoryLimit = 1L << 30 });

        Assert.Equal(new long[] { 2, 3, 6, 9, 10 }, lazy.Shape.ToArray());
        Assert.Equal(new[] { 1, 1, 6, 9, 10 }, lazy.Chunks.ChunkShape.ToArray());
        for (int c = 0; c < 2; c++)
        {
            var stored = NDBuffer<float>.Allocate([1, 1, 3, 3, 5]);
            await psf.ReadRegionAsync([c, 0, 0, 0, 0], stored);
            using var kernel = stored.Reshape([3, 3, 5]);
            for (int t = 0; t < 3; t++)
            {
                using var raw = NDBuffer<ushort>.Allocate([1, 1, 6, 9, 10]);
                await image.ReadRegionAsync([c, t, 0, 0, 0], raw);
                using var volume = NDBuffer<float>.Allocate([6, 9, 10]);
                for (int i = 0; i < volume.Length; i++)
                {
                    volume.Span[i] = raw.Span[i];
                }

                using var expected = RichardsonLucy.Deconvolve(volume, kernel, Options);
                Assert.True(expected.Span.SequenceEqual(result.Span.Slice(((c * 3) + t) * volume.Length, volume.Length)), $"Volume ({c}, {t}) differs.");
            }
        }
    }

    [Fact]
    public async Task Plan_RoundTripsThroughTheRegistry_WithTheSameTokenAndValues()
    {
        using var temp = new TempDirectory();
        var (image, psf) = await CreateAsync(temp, seed: 4);
        var lazy = LazyArray.FromZarr(image).Deconvolve(LazyArray.FromZarr(psf), Options);

        string text = LazyPlan.ToJson(lazy).ToJsonString();
        var rebuilt = await LazyPlan.FromJsonAsync(JsonNode.Parse(text)!.AsObject(), new OperationRegistry().AddImaging());

        Assert.Equal(lazy.Token, rebuilt.Token);
        using var a = await lazy.ComputeAsync<float>();
        using var b = await rebuilt.ComputeAsync<float>();
        Assert.True(a.Span.SequenceEqual(b.Span));
    }

    [Fact]
    public void Parameters_RecreateAnEqualOperation()
    {
        var operation = new RichardsonLucyOperation(Options with { Epsilon = 1e-6f, InitialValue = 2.5f });

        var again = RichardsonLucyOperation.FromParameters(operation.Parameters);

        Assert.True(JsonNode.DeepEquals(operation.Parameters, again.Parameters));
        Assert.Equal(Options with { Epsilon = 1e-6f, InitialValue = 2.5f, Threads = again.Options.Threads }, again.Options);
    }

    [Fact]
    public async Task BadInputs_AreRefusedWhenTheGraphIsBuilt()
    {
        using var temp = new TempDirectory();
        var (image, _) = await CreateAsync(temp, seed: 5);
        var lazyImage = LazyArray.FromZarr(image);
        var wrongChannels = await CreateArrayAsync(temp.Combine("psf3"), [3, 1, 3, 3, 3], DataType.For<float>(), 6);
        var tooLarge = await CreateArrayAsync(temp.Combine("big"), [7, 3, 3], DataType.For<float>(), 7);

        var broadcast = Assert.Throws<SignatureException>(() => lazyImage.Deconvolve(LazyArray.FromZarr(wrongChannels)));
        var large = Assert.Throws<ArgumentException>(() => lazyImage.Deconvolve(LazyArray.FromZarr(tooLarge)));
        var type = Assert.Throws<ArgumentException>(() => lazyImage.MapBlocks(new RichardsonLucyOperation(), LazyArray.FromZarr(tooLarge)));

        Assert.Contains("do not broadcast", broadcast.Message);
        Assert.Contains("larger than each volume", large.Message);
        Assert.Contains("float32", type.Message);
    }

    private static async Task<(ZarrArray Image, ZarrArray Psf)> CreateAsync(TempDirectory temp, int seed)
    {
        var image = await CreateArrayAsync(temp.Combine("image"), [2, 3, 6, 9, 10], DataType.For<ushort>(), seed, chunks: [1, 1, 6, 9, 10]);
        var psf = await CreateArrayAsync(temp.Combine("psf"), [2, 1, 3, 3, 5], DataType.For<float>(), seed + 100, chunks: [1, 1, 3, 3, 5]);
        return (image, psf);
    }

    private static async Task<ZarrArray> CreateArrayAsync(string folder, long[] shape, DataType type, int seed, int[]? chunks = null)
    {
        Directory.CreateDirectory(folder);
        var metadata = new ZarrV2Metadata { Shape = shape, Chunks = chunks ?? Array.ConvertAll(shape, s => (int)s), DataType = type, FillValue = FillValue.Zero(type) };
        var array = await ZarrArray.CreateAsync(new FileSystemStore(folder), "", metadata);
        var random = new Random(seed);
        int n = (int)shape.Aggregate(1L, (a, b) => a * b);
        var bytes = new byte[n * type.ItemSize];
        for (int i = 0; i < n; i++)
        {
            if (type.Kind == DataTypeKind.UInt16)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), (ushort)random.Next(50, 400));
            }
            else
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), (float)(0.1 + random.NextDouble()));
            }
        }

        await array.WriteRegionAsync(new long[shape.Length], Array.ConvertAll(shape, s => (int)s), bytes);
        return array;
    }
}
