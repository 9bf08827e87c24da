namespace Tessera.Imaging.Psf;

/// <summary>
/// Where a PSF's centre is, by scipy's <c>convolve(…, mode='same')</c> rule that scikit-image
/// uses: index (k − 1) / 2 along an axis of length k (the middle for odd k, the lower of the two
/// middle voxels for even k).
/// </summary>
internal static class PsfGeometry
{
    /// <summary>The centre index along an axis of length <paramref name="k"/>.</summary>
    public static int Centre(int k) => (k - 1) / 2;

    /// <summary>
    /// How far the back-projection (convolution with the mirrored PSF, centred by the same rule)
    /// sits from the exact adjoint: 1 voxel along even axes, where the mirrored PSF's centre
    /// (k − 1) / 2 is the original's k / 2, and 0 along odd ones. scikit-image has this shift;
    /// reproducing it keeps results equal to scikit-image's for even PSFs too.
    /// </summary>
    public static int BackProjectionShift(int k) => (k / 2) - Centre(k);
}
