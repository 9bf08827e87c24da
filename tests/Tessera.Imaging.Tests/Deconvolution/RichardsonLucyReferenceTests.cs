using Xunit.Abstractions;
using Tessera.Imaging.Deconvolution;

namespace Tessera.Imaging.Tests.Deconvolution;

/// <summary>Tessera's RL against the independent float64 spatial-domain implementation, every pad mode and initial estimate.</summary>
public class RichardsonLucyReferenceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(PadMode.Edge, InitialEstimate.Input, 5, 3, 7)]
    [InlineData(PadMode.Edge, InitialEstimate.Input, 4, 3, 6)]
    [InlineData(PadMode.Reflect, InitialEstimate.Input, 5, 3, 7)]
    [InlineData(PadMode.Reflect, InitialEstimate.Mean, 4, 2, 5)]
    [InlineData(PadMode.Zero, InitialEstimate.Mean, 5, 3, 7)]
    [InlineData(PadMode.Zero, InitialEstimate.Input, 2, 4, 1)]
    [InlineData(PadMode.Edge, InitialEstimate.Constant, 1, 1, 1)]
    public void RichardsonLucy_MatchesFloat64Reference(PadMode mode, InitialEstimate init, int pz, int py, int px)
    {
        int[] shape = [12, 14, 10];
        int[] psfShape = [pz, py, px];
        const int Iterations = 8;
        using var image = TestVolumes.Blobs(shape, seed: 5, blobs: 4);

        // Sum 3, not 1: the PSF must be normalised inside.
        using var psf = TestVolumes.Psf(psfShape, 1.5, 0.8, 1.2, total: 3);
        double[] expected = ReferenceRichardsonLucy.Run(image.Span.ToArray(), shape, psf.Span.ToArray(), psfShape, Iterations, mode, init, initialValue: 7);

        using var actual = RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions
        {
            Iterations = Iterations,
            PadMode = mode,
            InitialEstimate = init,
            InitialValue = 7,
            Threads = 2,
        });

        double error = TestVolumes.RelativeL2(actual.Span, expected);
        output.WriteLine($"{mode} {init} PSF {pz}x{py}x{px}: relative L2 {error:E3}");

        // float32 FFTs over 8 iterations against float64: a few 1e-7 per step, well under 1e-5.
        Assert.True(error <= 1e-5, $"relative L2 {error:E3} against the float64 reference");
    }

    [Fact]
    public void RichardsonLucy_ZeroIterationsReturnsTheInitialEstimate()
    {
        using var image = TestVolumes.Blobs([5, 6, 7], seed: 2, blobs: 2);
        using var psf = TestVolumes.Psf([3, 3, 3], 1, 1, 1);
        using var same = RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions { Iterations = 0, PadMode = PadMode.Reflect });
        Assert.Equal(image.Span.ToArray(), same.Span.ToArray());
        using var constant = RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions { Iterations = 0, InitialEstimate = InitialEstimate.Constant, InitialValue = 3 });
        Assert.All(constant.Span.ToArray(), v => Assert.Equal(3f, v));
    }
}
