using Tessera.Cli.Demo;
using Tessera.Cli.Samples;

namespace Tessera.Cli.Tests.Demo;

public sealed class PoissonSamplerTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(4.0)]
    [InlineData(9.99)]      // the last mean for Knuth's method
    [InlineData(10.0)]      // the first for PTRS
    [InlineData(37.5)]
    [InlineData(1234.5)]
    public void Next_HasPoissonMeanAndVariance(double mean)
    {
        const int N = 200_000;
        var random = new SplitMix64(SplitMix64.Mix(42, (long)(mean * 100)));
        double sum = 0, sumSq = 0;
        for (int i = 0; i < N; i++)
        {
            long k = PoissonSampler.Next(ref random, mean);
            Assert.True(k >= 0);
            sum += k;
            sumSq += (double)k * k;
        }

        double m = sum / N;
        double variance = (sumSq / N) - (m * m);

        // 5 standard errors: the mean's is √(λ/N); the variance's is about λ·√(2/N) for these λ (plus λ/√N for small λ).
        Assert.InRange(m, mean - (5 * Math.Sqrt(mean / N)), mean + (5 * Math.Sqrt(mean / N)));
        double varianceError = 5 * ((mean * Math.Sqrt(2.0 / N)) + Math.Sqrt(mean / N));
        Assert.InRange(variance, mean - varianceError, mean + varianceError);
    }

    [Theory]
    [InlineData(3.5)]
    [InlineData(12.0)]
    [InlineData(60.0)]
    public void Next_MatchesPoissonProbabilities(double mean)
    {
        // Pearson's χ² over the bins with an expected count of at least 20; a wrong tail or a
        // normal approximation fails by far more than the 0.999 quantile allows.
        const int N = 100_000;
        var random = new SplitMix64(7);
        var counts = new Dictionary<long, int>();
        for (int i = 0; i < N; i++)
        {
            long k = PoissonSampler.Next(ref random, mean);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }

        double chi2 = 0;
        int bins = 0;
        for (long k = 0; k < 10 * mean + 50; k++)
        {
            double expected = N * Math.Exp(-mean + (k * Math.Log(mean)) - PoissonSampler.LogGamma(k + 1));
            if (expected < 20)
            {
                continue;
            }

            double d = counts.GetValueOrDefault(k) - expected;
            chi2 += d * d / expected;
            bins++;
        }

        // The χ² 0.999 quantile is below ν + 4.5√(2ν) + 10 for the ν (5 to 40) here.
        Assert.True(bins >= 5, $"{bins} bins");
        Assert.True(chi2 < bins + (4.5 * Math.Sqrt(2.0 * bins)) + 10, $"χ² = {chi2:F1} over {bins} bins");
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(3.0, 0.693147180559945309)]         // ln 2!
    [InlineData(6.0, 4.787491742782045994)]         // ln 5! = ln 120
    [InlineData(10.0, 12.801827480081469611)]       // ln 9!
    [InlineData(100.0, 359.134205369575398776)]     // ln 99!
    [InlineData(2.5, 0.284682870472919159)]         // ln(3√π / 4)
    public void LogGamma_MatchesKnownValues(double x, double expected) =>
        Assert.Equal(expected, PoissonSampler.LogGamma(x), 1e-12);

    [Fact]
    public void Next_IsZeroForANonPositiveMean()
    {
        var random = new SplitMix64(1);
        Assert.Equal(0, PoissonSampler.Next(ref random, 0));
        Assert.Equal(0, PoissonSampler.Next(ref random, -3));
        Assert.Equal(0, PoissonSampler.Next(ref random, double.NaN));
    }
}
