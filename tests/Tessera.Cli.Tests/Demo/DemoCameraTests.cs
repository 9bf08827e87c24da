using Tessera.Cli.Demo;

namespace Tessera.Cli.Tests.Demo;

public sealed class DemoCameraTests
{
    [Fact]
    public void Expose_HasPoissonStatisticsOnAConstantMean()
    {
        const int N = 100_000;
        const float Photons = 25.5f;
        var photons = new float[N];
        Array.Fill(photons, Photons);
        var counts = new ushort[N];

        DemoCamera.Expose(photons, counts, seed: 99);

        double mean = counts.Average(c => (double)c);
        double variance = counts.Average(c => (c - mean) * (c - mean));
        double expectedVariance = Photons + (DemoCamera.ReadNoise * DemoCamera.ReadNoise) + (1.0 / 12);
        Assert.InRange(mean, DemoCamera.Offset + Photons - 0.1, DemoCamera.Offset + Photons + 0.1);
        Assert.InRange(variance, expectedVariance * 0.97, expectedVariance * 1.03);
    }

    [Fact]
    public void Expose_ClipsToUInt16AndTreatsNegativeMeansAsDark()
    {
        float[] photons = [-5f, 0f, 1e6f];
        var counts = new ushort[3];

        DemoCamera.Expose(photons, counts, seed: 3);

        Assert.InRange(counts[0], DemoCamera.Offset - 10, DemoCamera.Offset + 10);
        Assert.InRange(counts[1], DemoCamera.Offset - 10, DemoCamera.Offset + 10);
        Assert.Equal(ushort.MaxValue, counts[2]);
    }
}
