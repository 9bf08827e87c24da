using Tessera.Arrays;
using Tessera.Arrays.Signatures;

namespace Tessera.Imaging.Deconvolution;

/// <summary>Richardson–Lucy over every volume of a lazy array.</summary>
public static class LazyDeconvolution
{
    /// <summary>
    /// Deconvolves every (z, y, x) volume of <paramref name="image"/> (shape (…, z, y, x), each volume in one
    /// chunk) with <paramref name="psf"/>: a 3-D PSF applies to every volume; one with leading dimensions
    /// broadcasts against the image's (a (C,1,pz,py,px) PSF gives channel c's volumes PSF c). Both are
    /// converted to float32; the result is float32, chunked like the image.
    /// </summary>
    /// <exception cref="SignatureException">The PSF's leading dimensions do not broadcast against the image's.</exception>
    /// <exception cref="ArgumentException">The PSF is larger than a volume, or an option is out of range.</exception>
    public static LazyArray Deconvolve(this LazyArray image, LazyArray psf, RichardsonLucyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(psf);
        return image.AsType<float>().MapBlocks(new RichardsonLucyOperation(options), psf.AsType<float>());
    }
}
