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

    /// <summary>
    /// Writes the kernel <paramref name="source"/> (of the grid's PSF shape) times
    /// <paramref name="scale"/> into the cleared padded grid <paramref name="destination"/> with its
    /// centre voxel at the origin and the rest wrapped around, as FFT convolution needs.
    /// </summary>
    public static void WrapToOrigin(ReadOnlySpan<float> source, Span<float> destination, Deconvolution.PaddedGrid grid, float scale)
    {
        int[] k = grid.Psf, p = grid.Padded;
        for (int z = 0; z < k[0]; z++)
        {
            int tz = (z - Centre(k[0]) + p[0]) % p[0];
            for (int y = 0; y < k[1]; y++)
            {
                int ty = (y - Centre(k[1]) + p[1]) % p[1];
                for (int x = 0; x < k[2]; x++)
                {
                    int tx = (x - Centre(k[2]) + p[2]) % p[2];
                    destination[(((tz * p[1]) + ty) * p[2]) + tx] = source[(((z * k[1]) + y) * k[2]) + x] * scale;
                }
            }
        }
    }
}
