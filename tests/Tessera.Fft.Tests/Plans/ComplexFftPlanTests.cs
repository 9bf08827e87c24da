namespace Tessera.Fft.Tests.Plans;

public class ComplexFftPlanTests
{
    // float32 with twiddles rounded from double: errors grow like log n · 2^-24; Bluestein adds
    // two more transforms of length ≥ 2n. 1e-5 is the bound, with room to spare.
    private const double Tolerance = 1e-5;

    public static TheoryData<int> Sizes()
    {
        var sizes = new TheoryData<int>();
        var seen = new HashSet<int>();
        for (int n = 1; n <= 64; n++)
        {
            seen.Add(n);
            sizes.Add(n);
        }

        for (int n = 65; n <= 257; n++)
        {
            if (IsPrime(n) && seen.Add(n))
            {
                sizes.Add(n);
            }
        }

        foreach (int n in (int[])[96, 100, 128, 210, 243, 288, 343, 1000, 1024, 4096])
        {
            if (seen.Add(n))
            {
                sizes.Add(n);
            }
        }

        return sizes;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ComplexFft_MatchesReferenceDft(int n)
    {
        float[] x = ReferenceDft.Random(2 * n, seed: n);
        foreach (var direction in (FftDirection[])[FftDirection.Forward, FftDirection.Inverse])
        {
            double[] expected = ReferenceDft.Dft(ReferenceDft.ToDouble(x), direction == FftDirection.Inverse);
            float[] actual = (float[])x.Clone();
            ComplexFftPlan.Get(n).Transform(actual, direction);
            Assert.True(ReferenceDft.RelativeL2(actual, expected) <= Tolerance, $"n={n} {direction}: error {ReferenceDft.RelativeL2(actual, expected):E2}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(45)]
    [InlineData(193)]
    [InlineData(4096)]
    public void ComplexFft_ForwardThenInverseReturnsInputTimesN(int n)
    {
        float[] x = ReferenceDft.Random(2 * n, seed: 3 * n);
        float[] y = (float[])x.Clone();
        var plan = ComplexFftPlan.Get(n);
        plan.Transform(y, FftDirection.Forward);
        plan.Transform(y, FftDirection.Inverse);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] /= n;
        }

        // Round trip: a few ulps per pass; 1e-6 relative L2 holds for the mixed-radix sizes and
        // 4e-6 for Bluestein (four transforms of length 2n and more).
        double bound = ComplexFftPlan.Get(n).UsesBluestein ? 4e-6 : 1e-6;
        Assert.True(ReferenceDft.RelativeL2(y, ReferenceDft.ToDouble(x)) <= bound);
    }

    [Theory]
    [InlineData(12, 1)]
    [InlineData(12, 5)]
    [InlineData(49, 9)]
    [InlineData(11, 6)]
    [InlineData(64, 3)]
    [InlineData(96, 7)]
    [InlineData(256, 3)]
    [InlineData(288, 5)]
    public void ComplexFft_BatchOfColumnsMatchesEachColumnAlone(int n, int width)
    {
        float[] x = ReferenceDft.Random(2 * n * width, seed: n + width);
        float[] batch = (float[])x.Clone();
        ComplexFftPlan.Get(n).Transform(batch, width, FftDirection.Forward);
        for (int c = 0; c < width; c++)
        {
            var line = new double[2 * n];
            for (int j = 0; j < n; j++)
            {
                line[2 * j] = x[2 * ((j * width) + c)];
                line[(2 * j) + 1] = x[(2 * ((j * width) + c)) + 1];
            }

            double[] expected = ReferenceDft.Dft(line, inverse: false);
            var actual = new float[2 * n];
            for (int j = 0; j < n; j++)
            {
                actual[2 * j] = batch[2 * ((j * width) + c)];
                actual[(2 * j) + 1] = batch[(2 * ((j * width) + c)) + 1];
            }

            Assert.True(ReferenceDft.RelativeL2(actual, expected) <= Tolerance);
        }
    }

    [Theory]
    [InlineData(1, new int[0])]
    [InlineData(2, new[] { 2 })]
    [InlineData(16, new[] { 4, 4 })]
    [InlineData(96, new[] { 8, 4, 3 })]
    [InlineData(144, new[] { 4, 4, 3, 3 })]
    [InlineData(256, new[] { 8, 8, 4 })]
    [InlineData(288, new[] { 8, 4, 3, 3 })]
    [InlineData(1024, new[] { 8, 8, 4, 4 })]
    public void ComplexFftPlan_FactorUsesFewestPasses(int n, int[] radices)
    {
        Assert.Equal(radices, ComplexFftPlan.Factor(n));
    }

    [Fact]
    public void ComplexFftPlan_CacheReturnsSamePlanFromManyThreads()
    {
        var plans = new ComplexFftPlan[64];
        Parallel.For(0, plans.Length, i => plans[i] = ComplexFftPlan.Get(9973));
        Assert.All(plans, p => Assert.Same(plans[0], p));
        Assert.Same(ComplexFftPlan.Get(96), ComplexFftPlan.Get(96));
        Assert.NotSame(ComplexFftPlan.Get(96), ComplexFftPlan.Get(97));
    }

    [Fact]
    public void ComplexFft_InvalidArgumentsThrow()
    {
        Assert.ThrowsAny<ArgumentException>(() => ComplexFftPlan.Get(0));
        Assert.ThrowsAny<ArgumentException>(() => ComplexFftPlan.Get(-3));
        Assert.ThrowsAny<ArgumentException>(() => ComplexFftPlan.Get(8).Transform(new float[15], FftDirection.Forward));
        Assert.ThrowsAny<ArgumentException>(() => ComplexFftPlan.Get(8).Transform(new float[16], 2, FftDirection.Forward));
        Assert.ThrowsAny<ArgumentException>(() => ComplexFftPlan.Get(8).Transform(new float[16], 0, FftDirection.Forward));
    }

    private static bool IsPrime(int n)
    {
        for (int d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return n > 1;
    }
}
