namespace Tessera.Imaging.Quality;

/// <summary>
/// Full-reference image quality measures on two equally long sequences of voxels (any shape, in the
/// same order), accumulated in float64 so that the result does not depend on the volume's size or
/// brightness more than float64 rounding does.
/// </summary>
public static class ImageQuality
{
    /// <summary>
    /// Pearson's correlation coefficient of <paramref name="a"/> and <paramref name="b"/>, as NumPy's
    /// <c>np.corrcoef(a.ravel(), b.ravel())[0, 1]</c> computes it in float64: 1 for identical images
    /// up to brightness and offset, 0 for unrelated ones. Invariant to scaling either image by a
    /// positive factor and adding a constant, so a deconvolved image compares fairly with the truth.
    /// </summary>
    /// <returns>A value in [−1, 1]; <see cref="double.NaN"/> when either image is constant (zero variance), as NumPy returns.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or the images are empty.</exception>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        CheckPair(a, b);

        // Two passes (means, then centred sums) rather than one pass of raw sums: raw sums of
        // squares lose most digits when the mean is large against the spread, as photon counts on
        // a camera offset are.
        double meanA = Mean(a), meanB = Mean(b);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - meanA, db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        if (saa == 0 || sbb == 0)
        {
            return double.NaN;
        }

        return Math.Clamp(sab / Math.Sqrt(saa * sbb), -1.0, 1.0);
    }

    /// <summary>
    /// The root-mean-square difference of <paramref name="test"/> from <paramref name="reference"/>
    /// divided by the reference's root-mean-square value: ‖reference − test‖ / ‖reference‖, which is
    /// scikit-image's <c>metrics.normalized_root_mse(reference, test)</c> with its default
    /// <c>normalization='euclidean'</c>. 0 for equal images; not invariant to brightness, so scale
    /// images to the same units (e.g. photons) first.
    /// </summary>
    /// <returns>A value of at least 0; <see cref="double.PositiveInfinity"/> when the reference is all zero and the test is not, <see cref="double.NaN"/> when both are.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or the images are empty.</exception>
    public static double NormalizedRmse(ReadOnlySpan<float> reference, ReadOnlySpan<float> test)
    {
        CheckPair(reference, test);
        double diff = 0, norm = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double r = reference[i], d = r - test[i];
            diff += d * d;
            norm += r * r;
        }

        return Math.Sqrt(diff / norm);
    }

    private static double Mean(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    private static void CheckPair(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The images have {a.Length} and {b.Length} voxels; a quality measure compares voxel by voxel and needs equally many. Compare volumes of the same shape.", nameof(b));
        }

        if (a.Length == 0)
        {
            throw new ArgumentException("The images are empty; a quality measure needs at least 1 voxel.", nameof(a));
        }
    }
}
