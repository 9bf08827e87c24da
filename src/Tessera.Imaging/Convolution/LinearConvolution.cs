using System.Diagnostics.CodeAnalysis;
using Tessera.Buffers;
using Tessera.Fft;
using Tessera.Imaging.Deconvolution;
using Tessera.Imaging.Pointwise;
using Tessera.Imaging.Psf;

namespace Tessera.Imaging.Convolution;

/// <summary>
/// Linear convolution of a 3-D volume with a 3-D kernel, as scipy's
/// <c>signal.fftconvolve(image, kernel, mode='same')</c> computes it: output of the image's shape,
/// zero outside the image, kernel centre at voxel (k − 1) / 2 per axis. The kernel is used as
/// given (not normalised), so any kernel works, including ones that sum to zero or are negative.
/// Done with real FFTs on the volume padded to a fast size of at least image + kernel − 1 per axis,
/// the grid that Richardson–Lucy uses, so the result is exact up to float32 FFT rounding.
/// </summary>
public static class LinearConvolution
{
    /// <summary>Convolves <paramref name="image"/> with <paramref name="kernel"/>.</summary>
    /// <param name="image">The (z, y, x) volume; not modified.</param>
    /// <param name="kernel">The (z, y, x) kernel, e.g. a PSF, of any odd or even size (also larger than the image); used unnormalised; not modified.</param>
    /// <param name="threads">Threads for the transforms and passes, at least 1. The result does not depend on it.</param>
    /// <returns>
    /// A new pooled buffer of the image's shape, out[i] = Σ_j image[j] · kernel[i − j + (k − 1) / 2];
    /// dispose it to return its memory. Working memory: about three padded float32 volumes.
    /// </returns>
    /// <exception cref="ArgumentException">A buffer is not 3-D or has an empty axis, the padded volume is too large for one buffer, or <paramref name="threads"/> is below 1.</exception>
    public static NDBuffer<float> Convolve(NDBuffer<float> image, NDBuffer<float> kernel, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        CheckVolume(image, nameof(image));
        CheckVolume(kernel, nameof(kernel));
        long spectrumFloats = 1;
        for (int a = 0; a < 3; a++)
        {
            long p = FftSize.NextFast(image.Shape[a] + kernel.Shape[a] - 1);
            spectrumFloats *= a == 2 ? 2 * ((p / 2) + 1) : p;
        }

        if (spectrumFloats > Array.MaxLength)
        {
            throw new ArgumentException(
                $"The image ({string.Join(", ", image.Shape.ToArray())}) padded for a kernel of ({string.Join(", ", kernel.Shape.ToArray())}) needs a half spectrum of {spectrumFloats} floats, more than one buffer holds. Convolve it in chunks with a halo of the kernel's size.",
                nameof(image));
        }

        return ConvolveCore(image, kernel, threads);
    }

    private static NDBuffer<float> ConvolveCore(NDBuffer<float> image, NDBuffer<float> kernel, int threads)
    {
        var grid = new PaddedGrid(image.Shape, kernel.Shape);
        int[] p = grid.Padded;
        var fft = new FftOptions { Threads = threads };
        using var real = NDBuffer<float>.Allocate(p, clear: true);
        using var kernelSpectrum = NDBuffer<float>.Allocate([grid.SpectrumFloats], clear: false);
        using var spectrum = NDBuffer<float>.Allocate([grid.SpectrumFloats], clear: false);

        // The kernel's centre goes to the origin; the 1/N of the unnormalised inverse FFT is folded
        // into it, as OpticalTransfer does, but without dividing by the kernel's sum.
        PsfGeometry.WrapToOrigin(kernel.Span, real.Span, grid, (float)(1.0 / grid.RealLength));
        NdFft.ForwardReal(real.Span, kernelSpectrum.Span, p, fft);

        Padding.Pad(image.Memory, real.Memory, grid, PadMode.Zero, threads);
        NdFft.ForwardReal(real.Span, spectrum.Span, p, fft);
        Planes.For(p[0], threads, new SpectrumPass<ComplexMultiplyOp>(spectrum.Memory, kernelSpectrum.Memory, grid.SpectrumFloats / p[0]));
        NdFft.InverseReal(spectrum.Span, real.Span, p, fft);

        var result = NDBuffer<float>.Allocate(image.Shape, clear: false);
        Padding.Crop(real.Span, result.Span, grid);
        return result;
    }

    private static void CheckVolume(NDBuffer<float> buffer, string name)
    {
        if (buffer.Rank != 3 || buffer.Length == 0)
        {
            BadVolume(buffer, name);
        }
    }

    [DoesNotReturn]
    private static void BadVolume(NDBuffer<float> buffer, string name) =>
        throw new ArgumentException(
            $"The {name} has shape ({string.Join(", ", buffer.Shape.ToArray())}); convolution needs a 3-D (z, y, x) buffer with at least 1 voxel per axis. Reshape it, e.g. add singleton axes to a 2-D image.",
            name);
}
