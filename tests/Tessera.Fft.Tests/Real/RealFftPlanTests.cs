namespace Tessera.Fft.Tests.Real;

public class RealFftPlanTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<int> Sizes() => Plans.ComplexFftPlanTests.Sizes();

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RealFft_ForwardMatchesReferenceDft(int n)
    {
        float[] x = ReferenceDft.Random(n, seed: 7 * n);
        var complex = new double[2 * n];
        for (int j = 0; j < n; j++)
        {
            complex[2 * j] = x[j];
        }

        double[] expected = ReferenceDft.Dft(complex, inverse: false)[..(2 * ((n / 2) + 1))];
        var plan = RealFftPlan.Get(n);
        var actual = new float[2 * plan.SpectrumLength];
        plan.Forward(x, actual);
        Assert.True(ReferenceDft.RelativeL2(actual, expected) <= Tolerance, $"n={n}: error {ReferenceDft.RelativeL2(actual, expected):E2}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RealFft_InverseMatchesReferenceDft(int n)
    {
        // A Hermitian spectrum: the transform of random real data, made exactly in double.
        float[] x = ReferenceDft.Random(n, seed: 11 * n);
        var complex = new double[2 * n];
        for (int j = 0; j < n; j++)
        {
            complex[2 * j] = x[j];
        }

        double[] full = ReferenceDft.Dft(complex, inverse: false);
        int half = (n / 2) + 1;
        var spectrum = new float[2 * half];
        var fullRounded = new double[2 * n];
        for (int k = 0; k < n; k++)
        {
            int src = k < half ? k : n - k;
            float re = (float)full[2 * src], im = (float)full[(2 * src) + 1];
            fullRounded[2 * k] = re;
            fullRounded[(2 * k) + 1] = k < half ? im : -im;
            if (k < half)
            {
                spectrum[2 * k] = re;
                spectrum[(2 * k) + 1] = im;
            }
        }

        // The imaginary parts of X[0] and X[n/2] are not part of a real signal's spectrum.
        fullRounded[1] = 0;
        if (n % 2 == 0)
        {
            fullRounded[n + 1] = 0;
        }

        double[] inverse = ReferenceDft.Dft(fullRounded, inverse: true);
        var expected = new double[n];
        for (int j = 0; j < n; j++)
        {
            expected[j] = inverse[2 * j];
        }

        var actual = new float[n];
        RealFftPlan.Get(n).Inverse(spectrum, actual);
        Assert.True(ReferenceDft.RelativeL2(actual, expected) <= Tolerance, $"n={n}: error {ReferenceDft.RelativeL2(actual, expected):E2}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(96)]
    [InlineData(288)]
    [InlineData(1000)]
    public void RealFft_ForwardThenInverseReturnsInputTimesN(int n)
    {
        float[] x = ReferenceDft.Random(n, seed: n);
        var plan = RealFftPlan.Get(n);
        var spectrum = new float[2 * plan.SpectrumLength];
        var y = new float[n];
        plan.Forward(x, spectrum);
        plan.Inverse(spectrum, y);
        for (int j = 0; j < n; j++)
        {
            y[j] /= n;
        }

        Assert.True(ReferenceDft.RelativeL2(y, ReferenceDft.ToDouble(x)) <= 1e-6);
    }

    [Fact]
    public void RealFftPlan_CacheReturnsSamePlan()
    {
        var plans = new RealFftPlan[32];
        Parallel.For(0, plans.Length, i => plans[i] = RealFftPlan.Get(202));
        Assert.All(plans, p => Assert.Same(plans[0], p));
    }

    [Fact]
    public void RealFft_InvalidArgumentsThrow()
    {
        Assert.ThrowsAny<ArgumentException>(() => RealFftPlan.Get(0));
        var plan = RealFftPlan.Get(8);
        Assert.ThrowsAny<ArgumentException>(() => plan.Forward(new float[7], new float[10]));
        Assert.ThrowsAny<ArgumentException>(() => plan.Forward(new float[8], new float[9]));
        Assert.ThrowsAny<ArgumentException>(() => plan.Inverse(new float[9], new float[8]));
        Assert.ThrowsAny<ArgumentException>(() => plan.Inverse(new float[10], new float[7]));
    }
}
