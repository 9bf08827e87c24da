using Tessera.Buffers;

namespace Tessera.Imaging.Deconvolution;

/// <summary>
/// Richardson–Lucy deconvolution of one 3-D float32 volume:
/// estimate ← estimate · K*(observed / (K·estimate + ε)), where K· is convolution with the
/// normalised PSF and K* its mirror (scikit-image's convention, also for even PSF sizes), both
/// done with real FFTs on the volume padded to a fast size of at least volume + PSF − 1 per axis.
/// <para>
/// Working memory per call: 4 padded float32 volumes rented from the pool (observed, estimate,
/// one real scratch and the half spectrum, which is (P_x/2 + 1)·2/P_x of a volume), plus the
/// OTF's half spectrum (one more, shared across calls when an <see cref="OpticalTransfer"/> is
/// passed in) and the returned volume. Nothing of the volume's size is allocated per iteration.
/// </para>
/// <para>
/// With <see cref="PadMode.Zero"/> and <see cref="InitialEstimate.Constant"/> 0.5 the result is
/// scikit-image 0.19's <c>richardson_lucy(image, psf, num_iter, clip=False)</c> to float32
/// rounding. Results do not depend on <see cref="RichardsonLucyOptions.Threads"/>.
/// </para>
/// </summary>
public static partial class RichardsonLucy
{
    /// <summary>Deconvolves <paramref name="image"/> with <paramref name="psf"/>, preparing the OTF for this call.</summary>
    /// <param name="image">The observed (z, y, x) volume; not modified.</param>
    /// <param name="psf">The (z, y, x) PSF, any odd or even size up to the volume's, any positive finite sum (normalised to 1); not modified.</param>
    /// <param name="options">Iterations, padding, initial estimate, ε and threads; null for the defaults.</param>
    /// <returns>A new pooled buffer of the image's shape; dispose it to return its memory.</returns>
    /// <exception cref="ArgumentException">A buffer is not 3-D, the PSF is larger than the volume or does not sum to a positive finite number, or an option is out of range.</exception>
    public static NDBuffer<float> Deconvolve(NDBuffer<float> image, NDBuffer<float> psf, RichardsonLucyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(psf);
        options ??= new RichardsonLucyOptions();
        Validate(options);
        if (image.Rank != 3)
        {
            ImagingThrow.BadRank(nameof(image), image.Shape, "image");
        }

        using var otf = OpticalTransfer.Create(psf, image.Shape, options.Threads);
        return DeconvolveCore(image, otf, options);
    }

    /// <summary>Deconvolves <paramref name="image"/> with a prepared OTF, which is reused unchanged (prepare it once per PSF and volume shape).</summary>
    /// <param name="image">The observed (z, y, x) volume, of the OTF's <see cref="OpticalTransfer.VolumeShape"/>; not modified.</param>
    /// <param name="otf">The PSF's transfer function from <see cref="OpticalTransfer.Create"/>.</param>
    /// <param name="options">Iterations, padding, initial estimate, ε and threads; null for the defaults.</param>
    /// <param name="cancellationToken">Checked between iterations.</param>
    /// <returns>A new pooled buffer of the image's shape; dispose it to return its memory.</returns>
    /// <exception cref="ArgumentException">The image's shape differs from the OTF's volume shape, or an option is out of range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static NDBuffer<float> Deconvolve(NDBuffer<float> image, OpticalTransfer otf, RichardsonLucyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(otf);
        options ??= new RichardsonLucyOptions();
        Validate(options);
        if (!image.Shape.SequenceEqual(otf.VolumeShape))
        {
            throw new ArgumentException(
                $"The image has shape ({string.Join(", ", image.Shape.ToArray())}) but the OTF was prepared for volumes of ({string.Join(", ", otf.VolumeShape.ToArray())}). Prepare an OpticalTransfer for this shape.",
                nameof(image));
        }

        return DeconvolveCore(image, otf, options, cancellationToken);
    }

    /// <summary>
    /// The bytes one call holds at its peak for a volume of <paramref name="volumeShape"/> and a PSF of
    /// <paramref name="psfShape"/>: the four padded working buffers, the result, and the OTF's spectrum with
    /// the padded kernel it is made from.
    /// </summary>
    public static long WorkingSetBytes(ReadOnlySpan<int> volumeShape, ReadOnlySpan<int> psfShape)
    {
        var grid = new PaddedGrid(volumeShape, psfShape);
        long real = (long)grid.RealLength * sizeof(float), spectrum = (long)grid.SpectrumFloats * sizeof(float);
        long volume = (long)volumeShape[0] * volumeShape[1] * volumeShape[2] * sizeof(float);
        return (3 * real) + spectrum + volume + OpticalTransferBytes(grid);
    }

    /// <summary>The OTF's spectrum plus the padded kernel alive while it is made.</summary>
    internal static long OpticalTransferBytes(PaddedGrid grid) => ((long)grid.RealLength + grid.SpectrumFloats) * sizeof(float);

    internal static void Validate(RichardsonLucyOptions o)
    {
        if (o.Iterations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(o.Iterations), o.Iterations, "RichardsonLucyOptions.Iterations must be at least 0 (0 returns the initial estimate); typical values are 10 to 50.");
        }

        if (o.Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o.Threads), o.Threads, "RichardsonLucyOptions.Threads must be at least 1; use Environment.ProcessorCount for all cores.");
        }

        if (!float.IsFinite(o.Epsilon) || o.Epsilon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(o.Epsilon), o.Epsilon, "RichardsonLucyOptions.Epsilon must be finite and at least 0; the default 1e-12 matches scikit-image.");
        }

        if (!Enum.IsDefined(o.PadMode))
        {
            throw new ArgumentOutOfRangeException(nameof(o.PadMode), o.PadMode, "RichardsonLucyOptions.PadMode must be Zero, Edge or Reflect.");
        }

        if (!Enum.IsDefined(o.InitialEstimate))
        {
            throw new ArgumentOutOfRangeException(nameof(o.InitialEstimate), o.InitialEstimate, "RichardsonLucyOptions.InitialEstimate must be Input, Mean or Constant.");
        }

        if (o.InitialEstimate == InitialEstimate.Constant && !float.IsFinite(o.InitialValue))
        {
            throw new ArgumentOutOfRangeException(nameof(o.InitialValue), o.InitialValue, "RichardsonLucyOptions.InitialValue must be finite when InitialEstimate is Constant.");
        }
    }
}
