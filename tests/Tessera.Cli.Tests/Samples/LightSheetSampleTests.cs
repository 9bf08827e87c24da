using Tessera.Cli.Samples;

namespace Tessera.Cli.Tests.Samples;

public sealed class LightSheetSampleTests
{
    [Fact]
    public void Render_IsDeterministicPerVolume()
    {
        var size = SampleSize.Small;
        int n = size.VolumeShape.Aggregate(1, (a, b) => a * b);
        var first = new ushort[n];
        var again = new ushort[n];
        var other = new ushort[n];

        LightSheetSample.Render(size, 1, 2, first);
        LightSheetSample.Render(size, 0, 0, other); // Rendering another volume in between changes nothing.
        LightSheetSample.Render(size, 1, 2, again);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Render_BackgroundSitsOnCameraOffsetWithNoise()
    {
        var size = SampleSize.Small;
        int n = size.VolumeShape.Aggregate(1, (a, b) => a * b);
        var volume = new ushort[n];

        LightSheetSample.Render(size, 0, 0, volume);

        // The dimmest voxels are the offset plus a little background, spread by noise.
        var sorted = volume.Order().ToArray();
        double p5 = sorted[n / 20];
        Assert.InRange(p5, LightSheetSample.CameraOffset, LightSheetSample.CameraOffset + 40);
        Assert.True(sorted[^1] > 600, $"The brightest voxel is {sorted[^1]}; blobs should stand far above the background.");
        Assert.True(volume.Distinct().Count() > 100, "Noise should make many distinct values.");
    }

    [Fact]
    public void Render_BlobsDriftBetweenTimePoints()
    {
        var size = SampleSize.Small;
        int n = size.VolumeShape.Aggregate(1, (a, b) => a * b);
        var t0 = new ushort[n];
        var t2 = new ushort[n];

        LightSheetSample.Render(size, 0, 0, t0);
        LightSheetSample.Render(size, 0, 2, t2);

        int brightest0 = Array.IndexOf(t0, t0.Max());
        int brightest2 = Array.IndexOf(t2, t2.Max());
        Assert.NotEqual(brightest0, brightest2);
    }

    [Fact]
    public void SplitMix64_MatchesReferenceSequence()
    {
        // First outputs of SplitMix64 seeded with 0, from the reference C implementation (Vigna).
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void SplitMix64_GaussianHasUnitMomentsWithinTolerance()
    {
        var random = new SplitMix64(12345);
        const int n = 200_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double g = random.NextGaussian();
            sum += g;
            sumSquares += g * g;
        }

        // Standard errors: mean 1/sqrt(n) ≈ 0.0022, variance sqrt(2/n) ≈ 0.0032; allow about 5 of each.
        Assert.InRange(sum / n, -0.012, 0.012);
        Assert.InRange(sumSquares / n, 0.984, 1.016);
    }
}
