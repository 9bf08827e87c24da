using Tessera.Buffers;
using Tessera.Fft;
using Tessera.Imaging.Pointwise;

namespace Tessera.Imaging.Deconvolution;

/// <summary>The iteration itself, on validated arguments.</summary>
public static partial class RichardsonLucy
{
    private static NDBuffer<float> DeconvolveCore(NDBuffer<float> image, OpticalTransfer otf, RichardsonLucyOptions o, CancellationToken cancellationToken = default)
    {
        var grid = otf.Grid;
        int[] p = grid.Padded;
        int threads = o.Threads;
        bool insideOnly = o.PadMode == PadMode.Zero;
        var fft = new FftOptions { Threads = threads };
        int spectrumPlane = grid.SpectrumFloats / p[0];

        using var observed = NDBuffer<float>.Allocate(p, clear: false);
        using var estimate = NDBuffer<float>.Allocate(p, clear: false);
        using var work = NDBuffer<float>.Allocate(p, clear: false);
        using var spectrum = NDBuffer<float>.Allocate([grid.SpectrumFloats], clear: false);

        Padding.Pad(image.Memory, observed.Memory, grid, o.PadMode, threads);
        Initialise(image.Span, observed.Span, estimate.Span, grid, o);

        for (int it = 0; it < o.Iterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // blurred = K·estimate
            NdFft.ForwardReal(estimate.Span, spectrum.Span, p, fft);
            Planes.For(p[0], threads, new SpectrumPass<ComplexMultiplyOp>(spectrum.Memory, otf.Spectrum, spectrumPlane));
            NdFft.InverseReal(spectrum.Span, work.Span, p, fft);

            // ratio = observed / (blurred + ε), in place
            Planes.For(p[0], threads, new RatioPass(grid, work.Memory, observed.Memory, o.Epsilon, insideOnly));

            // correction = K*·ratio; estimate ·= correction
            NdFft.ForwardReal(work.Span, spectrum.Span, p, fft);
            Planes.For(p[0], threads, new SpectrumPass<ComplexMultiplyConjugateOp>(spectrum.Memory, otf.Spectrum, spectrumPlane));
            NdFft.InverseReal(spectrum.Span, work.Span, p, fft);
            Planes.For(p[0], threads, new UpdatePass(grid, estimate.Memory, work.Memory, insideOnly));
        }

        var result = NDBuffer<float>.Allocate(image.Shape, clear: false);
        Padding.Crop(estimate.Span, result.Span, grid);
        return result;
    }

    /// <summary>
    /// The first estimate. With <see cref="PadMode.Zero"/> it is zero outside the volume (so the
    /// forward blur is linear convolution with a zero boundary); otherwise it fills the padded grid.
    /// </summary>
    private static void Initialise(ReadOnlySpan<float> image, ReadOnlySpan<float> observed, Span<float> estimate, PaddedGrid grid, RichardsonLucyOptions o)
    {
        if (o.InitialEstimate == InitialEstimate.Input)
        {
            // The padded observation is already zero outside the volume in Zero mode.
            observed.CopyTo(estimate);
            return;
        }

        float value = o.InitialValue;
        if (o.InitialEstimate == InitialEstimate.Mean)
        {
            double sum = 0;
            foreach (float v in image)
            {
                sum += v;
            }

            value = (float)(sum / image.Length);
        }

        if (o.PadMode != PadMode.Zero)
        {
            estimate.Fill(value);
            return;
        }

        estimate.Clear();
        int py = grid.Padded[1], px = grid.Padded[2];
        for (int z = grid.Offset[0]; z < grid.Offset[0] + grid.Volume[0]; z++)
        {
            for (int y = grid.Offset[1]; y < grid.Offset[1] + grid.Volume[1]; y++)
            {
                estimate.Slice((((z * py) + y) * px) + grid.Offset[2], grid.Volume[2]).Fill(value);
            }
        }
    }
}
