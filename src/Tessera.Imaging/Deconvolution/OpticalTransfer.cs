using Tessera.Buffers;
using Tessera.Fft;
using Tessera.Imaging.Psf;

namespace Tessera.Imaging.Deconvolution;

/// <summary>
/// A PSF prepared for deconvolving volumes of one shape: the PSF normalised to sum 1, zero-padded
/// to the padded FFT shape with its centre (voxel (k − 1) / 2 per axis, scipy's rule) moved to the
/// origin, and transformed once (real-to-complex half spectrum) with the 1/N of the unnormalised
/// inverse FFT folded in. Make one per (PSF, volume shape) and reuse it for every volume of that
/// channel; it is immutable and safe to share between threads. Holds one pooled half spectrum
/// (about one padded float volume), returned by <see cref="Dispose"/>.
/// </summary>
public sealed class OpticalTransfer : IDisposable
{
    private readonly NDBuffer<float> _spectrum;

    private OpticalTransfer(PaddedGrid grid, NDBuffer<float> spectrum)
    {
        Grid = grid;
        _spectrum = spectrum;
    }

    /// <summary>The (z, y, x) shape of the volumes this transfer function deconvolves.</summary>
    public ReadOnlySpan<int> VolumeShape => Grid.Volume;

    /// <summary>The (z, y, x) shape of the PSF it was made from.</summary>
    public ReadOnlySpan<int> PsfShape => Grid.Psf;

    /// <summary>The padded FFT shape: per axis the next fast FFT size of at least volume + PSF − 1.</summary>
    public ReadOnlySpan<int> PaddedShape => Grid.Padded;

    internal PaddedGrid Grid { get; }

    /// <summary>The interleaved half spectrum, scaled by 1 / (number of padded voxels).</summary>
    internal ReadOnlyMemory<float> Spectrum => _spectrum.Memory;

    /// <summary>Prepares <paramref name="psf"/> for volumes of <paramref name="volumeShape"/>.</summary>
    /// <param name="psf">A 3-D PSF of any odd or even size, no larger than the volume along any axis; any positive finite sum (it is normalised). Not modified.</param>
    /// <param name="volumeShape">The (z, y, x) shape of the volumes to deconvolve.</param>
    /// <param name="threads">Threads for the transform, at least 1.</param>
    /// <exception cref="ArgumentException">The PSF or the shape is not 3-D, the PSF is larger than the volume, its sum is not positive and finite, or <paramref name="threads"/> is below 1.</exception>
    public static OpticalTransfer Create(NDBuffer<float> psf, ReadOnlySpan<int> volumeShape, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(psf);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (volumeShape.Length != 3)
        {
            ImagingThrow.BadRank(nameof(volumeShape), volumeShape, "volume");
        }

        double sum = PsfValidation.Sum(psf, nameof(psf));
        long spectrumFloats = 1;
        for (int a = 0; a < 3; a++)
        {
            if (volumeShape[a] < 1)
            {
                throw new ArgumentException($"The volume shape ({string.Join(", ", volumeShape.ToArray())}) has an empty axis {"zyx"[a]}; every axis needs at least 1 voxel.", nameof(volumeShape));
            }

            if (psf.Shape[a] > volumeShape[a])
            {
                throw new ArgumentException(
                    $"The PSF ({string.Join(", ", psf.Shape.ToArray())}) is larger than the volume ({string.Join(", ", volumeShape.ToArray())}) along axis {"zyx"[a]}. Crop the PSF to at most the volume's size (its tails are near zero), or deconvolve a larger region.",
                    nameof(psf));
            }

            // The half spectrum, 2·P_z·P_y·(P_x/2 + 1) floats, is the largest buffer.
            int p = FftSize.NextFast(volumeShape[a] + psf.Shape[a] - 1);
            spectrumFloats *= a == 2 ? 2 * ((p / 2) + 1) : p;
        }

        if (spectrumFloats > Array.MaxLength)
        {
            throw new ArgumentException(
                $"The volume ({string.Join(", ", volumeShape.ToArray())}) padded for a PSF of ({string.Join(", ", psf.Shape.ToArray())}) needs a half spectrum of {spectrumFloats} floats, more than one buffer holds. Deconvolve it in chunks with a halo of the PSF's size.",
                nameof(volumeShape));
        }

        var grid = new PaddedGrid(volumeShape, psf.Shape);
        // Both convolutions per iteration end in one unnormalised inverse FFT; folding its 1/N into
        // the PSF (hence the OTF) here saves a scaling pass over the volume in each.
        return CreateCore(psf, grid, (float)(1.0 / (sum * grid.RealLength)), threads);
    }

    private static OpticalTransfer CreateCore(NDBuffer<float> psf, PaddedGrid grid, float scale, int threads)
    {
        int[] k = grid.Psf, p = grid.Padded;
        using var kernel = NDBuffer<float>.Allocate(p, clear: true);
        var spectrum = NDBuffer<float>.Allocate([grid.SpectrumFloats], clear: false);
        var dst = kernel.Span;
        PsfGeometry.WrapToOrigin(psf.Span, dst, grid, scale);

        NdFft.ForwardReal(dst, spectrum.Span, p, new FftOptions { Threads = threads });
        return new OpticalTransfer(grid, spectrum);
    }

    /// <summary>Returns the spectrum to the pool; the object must not be used afterwards.</summary>
    public void Dispose() => _spectrum.Dispose();
}
