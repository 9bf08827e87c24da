using Tessera.Buffers;

namespace Tessera.Imaging.Psf;

/// <summary>Checks a PSF and returns its sum, which the OTF divides by.</summary>
internal static class PsfValidation
{
    /// <summary>The PSF's sum in double precision.</summary>
    /// <exception cref="ArgumentException">The PSF is not 3-D, or its sum is not a positive finite number.</exception>
    public static double Sum(NDBuffer<float> psf, string name)
    {
        if (psf.Rank != 3)
        {
            ImagingThrow.BadRank(name, psf.Shape, "PSF");
        }

        double sum = 0;
        foreach (float v in psf.Span)
        {
            sum += v;
        }

        if (!double.IsFinite(sum) || sum <= 0)
        {
            throw new ArgumentException(
                $"The PSF '{name}' sums to {sum}; it must sum to a positive finite number (it is normalised to 1). Check it for NaN or infinite voxels, or for an all-zero or negative PSF.",
                name);
        }

        return sum;
    }
}
