using Tessera.Cli.Samples;

namespace Tessera.Cli.Demo;

/// <summary>
/// Exact Poisson samples from a <see cref="SplitMix64"/> stream, by NumPy's two methods: Knuth's
/// multiplication of uniforms below a mean of 10 (expected mean + 1 draws), and above it Hörmann's
/// transformed rejection with squeeze, PTRS (Insurance: Mathematics and Economics 12, 1993), which
/// takes about 2.6 draws whatever the mean. Both are exact, unlike a normal approximation, whose
/// skew and discreteness are wrong at the few-photon levels of a dim background.
/// </summary>
internal static class PoissonSampler
{
    /// <summary>The mean at and above which PTRS is used, NumPy's choice.</summary>
    public const double PtrsThreshold = 10;

    /// <summary>A Poisson sample of mean <paramref name="mean"/>; 0 for a mean that is not positive (or NaN).</summary>
    public static long Next(ref SplitMix64 random, double mean)
    {
        if (!(mean > 0))
        {
            return 0;
        }

        return mean < PtrsThreshold ? Knuth(ref random, mean) : Ptrs(ref random, mean);
    }

    private static long Knuth(ref SplitMix64 random, double mean)
    {
        double limit = Math.Exp(-mean);
        double product = random.NextDouble();
        long k = 0;
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }

    /// <summary>NumPy's <c>random_poisson_ptrs</c>, step by step.</summary>
    private static long Ptrs(ref SplitMix64 random, double mean)
    {
        double sqrtMean = Math.Sqrt(mean);
        double logMean = Math.Log(mean);
        double b = 0.931 + (2.53 * sqrtMean);
        double a = -0.059 + (0.02483 * b);
        double logInvAlpha = Math.Log(1.1239 + (1.1328 / (b - 3.4)));
        double vr = 0.9277 - (3.6224 / (b - 2));
        while (true)
        {
            double u = random.NextDouble() - 0.5;
            double v = random.NextDouble();
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((((2 * a / us) + b) * u) + mean + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            // log(0) = −∞ for v = 0 accepts, as in NumPy.
            if (Math.Log(v) + logInvAlpha - Math.Log((a / (us * us)) + b) <= -mean + (k * logMean) - LogGamma(k + 1))
            {
                return k;
            }
        }
    }

    /// <summary>
    /// ln Γ(<paramref name="x"/>) for x ≥ 1: NumPy's <c>random_loggam</c> (Zhang and Jin's SPECFUN), a
    /// Stirling series after shifting x up to at least 7, accurate to about 1e-15 relative.
    /// </summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> a =
        [
            8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04, 8.417508417508418e-04,
            -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02, 1.796443723688307e-01, -1.39243221690590e+00,
        ];
        if (x == 1.0 || x == 2.0)
        {
            return 0.0;
        }

        long n = x < 7.0 ? (long)(7 - x) : 0;
        double x0 = x + n;
        double x2 = 1.0 / x0 * (1.0 / x0);
        double gl0 = a[9];
        for (int k = 8; k >= 0; k--)
        {
            gl0 = (gl0 * x2) + a[k];
        }

        const double Log2Pi = 1.8378770664093453;
        double gl = (gl0 / x0) + (0.5 * Log2Pi) + ((x0 - 0.5) * Math.Log(x0)) - x0;
        for (long k = 1; k <= n; k++)
        {
            gl -= Math.Log(x0 - 1.0);
            x0 -= 1.0;
        }

        return gl;
    }
}
