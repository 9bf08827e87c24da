using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Imaging.Quality;

namespace Tessera.Imaging.Tests.Quality;

/// <summary>Quality measures against hand-worked values and against NumPy and scikit-image.</summary>
public class ImageQualityTests
{
    [Fact]
    public void Correlation_MatchesHandWorkedValue()
    {
        // a − mean = (−1.5, −0.5, 0.5, 1.5), b − mean = (−1, −1, 1, 1) (means 2.5 and 4):
        // Σ da·db = 4, Σ da² = 5, Σ db² = 4, r = 4 / √20 = 0.894427190999916.
        float[] a = [1, 2, 3, 4];
        float[] b = [3, 3, 5, 5];

        Assert.Equal(0.894427190999916, ImageQuality.Correlation(a, b), 1e-14);
    }

    [Fact]
    public void Correlation_IsOneForAnAffineCopyAndMinusOneForANegatedOne()
    {
        var rng = new Random(17);
        var a = new float[193];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)(rng.NextDouble() * 50);
        }

        // Scale by a power of 2 and add a small integer, so the copy is exact in float32.
        float[] affine = Array.ConvertAll(a, v => (4 * v) + 100);
        float[] negated = Array.ConvertAll(a, v => -v);

        Assert.Equal(1.0, ImageQuality.Correlation(a, affine), 1e-12);
        Assert.Equal(-1.0, ImageQuality.Correlation(a, negated), 1e-12);
    }

    [Fact]
    public void Correlation_IsNaNForAConstantImage()
    {
        float[] a = [1, 2, 3];
        float[] flat = [7, 7, 7];

        Assert.True(double.IsNaN(ImageQuality.Correlation(a, flat)));
    }

    [Fact]
    public void NormalizedRmse_MatchesHandWorkedValue()
    {
        // ‖r − t‖² = 1 + 0 + 4 = 5, ‖r‖² = 1 + 4 + 4 = 9: √5 / 3.
        float[] reference = [1, 2, 2];
        float[] test = [2, 2, 0];

        Assert.Equal(Math.Sqrt(5) / 3, ImageQuality.NormalizedRmse(reference, test), 1e-15);
        Assert.Equal(0.0, ImageQuality.NormalizedRmse(reference, reference));
    }

    [Fact]
    public void QualityMeasures_RejectMismatchedOrEmptyImages()
    {
        float[] three = [1, 2, 3];
        float[] two = [1, 2];

        Assert.Throws<ArgumentException>(() => ImageQuality.Correlation(three, two));
        Assert.Throws<ArgumentException>(() => ImageQuality.NormalizedRmse(three, two));
        Assert.Throws<ArgumentException>(() => ImageQuality.Correlation([], []));
    }

    [Fact]
    public void QualityMeasures_MatchNumpyAndScikitImage()
    {
        // Volumes on a large offset with a modest spread: where one-pass raw sums lose digits.
        using var truth = TestVolumes.Blobs([11, 23, 29], seed: 5);
        using var noisy = TestVolumes.Blobs([11, 23, 29], seed: 5);
        var rng = new Random(6);
        var t = truth.Span;
        var n = noisy.Span;
        for (int i = 0; i < t.Length; i++)
        {
            t[i] += 1000;
            n[i] = (float)(n[i] + 1000 + ((rng.NextDouble() - 0.5) * 20));
        }

        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("a.f32"), truth.Bytes.ToArray());
        File.WriteAllBytes(dir.Combine("b.f32"), noisy.Bytes.ToArray());
        var report = JsonNode.Parse(ReferencePython.Run("""
            import sys, json
            import numpy as np
            from skimage.metrics import normalized_root_mse
            a = np.fromfile(sys.argv[1], dtype='<f4').astype(np.float64)
            b = np.fromfile(sys.argv[2], dtype='<f4').astype(np.float64)
            print(json.dumps({"r": repr(float(np.corrcoef(a, b)[0, 1])), "nrmse": repr(float(normalized_root_mse(a, b)))}))
            """, dir.Combine("a.f32"), dir.Combine("b.f32")))!;
        double r = double.Parse((string)report["r"]!, CultureInfo.InvariantCulture);
        double nrmse = double.Parse((string)report["nrmse"]!, CultureInfo.InvariantCulture);

        Assert.Equal(r, ImageQuality.Correlation(truth.Span, noisy.Span), 1e-12);
        Assert.Equal(nrmse, ImageQuality.NormalizedRmse(truth.Span, noisy.Span), 1e-12);
        Assert.InRange(r, 0.1, 0.999); // The comparison means something only if the images differ.
    }
}
