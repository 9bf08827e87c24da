namespace Tessera.Fft.Tests.NDim;

public class NdFftTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<int[]> Shapes() => new()
    {
        new[] { 1 },
        new[] { 17 },
        new[] { 1, 1, 1 },
        new[] { 3, 5, 7 },
        new[] { 4, 6, 8 },
        new[] { 7, 9, 10 },
        new[] { 5, 1, 6 },
        new[] { 2, 2 },
        new[] { 9, 13 },
        new[] { 16, 11 },
        new[] { 12, 1 },
        new[] { 2, 3, 4, 5 },
        new[] { 11, 130, 3 },

        // Rows of even length in full 16-row tiles (the transposed vector path) and a partial
        // tile (the scalar path); spectrum widths 13, 19 and 33 leave transpose remainders.
        new[] { 3, 17, 24 },
        new[] { 2, 20, 36 },
        new[] { 1, 32, 64 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NdFftForwardReal_MatchesReferenceDft(int[] shape)
    {
        int count = Product(shape);
        float[] x = ReferenceDft.Random(count, seed: count);
        var complex = new double[2 * count];
        for (int i = 0; i < count; i++)
        {
            complex[2 * i] = x[i];
        }

        double[] full = ReferenceDft.DftNd(complex, shape, inverse: false);
        double[] expected = HalfSpectrum(full, shape);
        var actual = new float[2 * NdFft.SpectrumLength(shape)];
        NdFft.ForwardReal(x, actual, shape, new FftOptions { Threads = 2 });
        Assert.True(ReferenceDft.RelativeL2(actual, expected) <= Tolerance, $"error {ReferenceDft.RelativeL2(actual, expected):E2}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NdFftInverseReal_MatchesReferenceDft(int[] shape)
    {
        int count = Product(shape);
        float[] x = ReferenceDft.Random(count, seed: 5 + count);
        var spectrum = new float[2 * NdFft.SpectrumLength(shape)];
        NdFft.ForwardReal(x, spectrum, shape);
        double[] half = ReferenceDft.ToDouble(spectrum);

        // Independent reference: rebuild the full Hermitian spectrum in double and invert it.
        // The spectrum of real data is Hermitian up to float rounding; the real part of the full
        // inverse is what a complex-to-real transform defines.
        double[] full = FullSpectrum(half, shape);
        double[] inverse = ReferenceDft.DftNd(full, shape, inverse: true);
        var expected = new double[count];
        for (int i = 0; i < count; i++)
        {
            expected[i] = inverse[2 * i];
        }

        var actual = new float[count];
        NdFft.InverseReal(spectrum, actual, shape, new FftOptions { Threads = 2 });

        // The reference symmetrises the spectrum; c2r reads only the half. The two agree to the
        // spectrum's own rounding, which the forward transform's 1e-5 bound covers.
        Assert.True(ReferenceDft.RelativeL2(actual, expected) <= Tolerance, $"error {ReferenceDft.RelativeL2(actual, expected):E2}");
        for (int i = 0; i < count; i++)
        {
            actual[i] /= count;
        }

        // Round trip within float32 rounding: 2e-6 relative L2 (a few ulps per pass, ≤ 8 passes).
        Assert.True(ReferenceDft.RelativeL2(actual, ReferenceDft.ToDouble(x)) <= 2e-6);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NdFftTransform_MatchesReferenceDftBothWays(int[] shape)
    {
        int count = Product(shape);
        float[] x = ReferenceDft.Random(2 * count, seed: 9 + count);
        foreach (var direction in (FftDirection[])[FftDirection.Forward, FftDirection.Inverse])
        {
            double[] expected = ReferenceDft.DftNd(ReferenceDft.ToDouble(x), shape, direction == FftDirection.Inverse);
            float[] actual = (float[])x.Clone();
            NdFft.Transform(actual, shape, direction, new FftOptions { Threads = 2 });
            Assert.True(ReferenceDft.RelativeL2(actual, expected) <= Tolerance);
        }
    }

    [Theory]
    [InlineData(6, 40, 70)]
    [InlineData(9, 33, 300)]
    [InlineData(16, 64, 1030)]
    public void NdFft_BitIdenticalForOneAndTwoThreads(int z, int y, int xLength)
    {
        int[] shape = [z, y, xLength];
        int count = z * y * xLength;
        float[] x = ReferenceDft.Random(count, seed: 1);
        var one = new float[2 * NdFft.SpectrumLength(shape)];
        var two = new float[one.Length];
        NdFft.ForwardReal(x, one, shape, new FftOptions { Threads = 1 });
        NdFft.ForwardReal(x, two, shape, new FftOptions { Threads = 2 });
        Assert.Equal(one, two);

        var backOne = new float[count];
        var backTwo = new float[count];
        NdFft.InverseReal(one, backOne, shape, new FftOptions { Threads = 1 });
        NdFft.InverseReal(two, backTwo, shape, new FftOptions { Threads = 2 });
        Assert.Equal(backOne, backTwo);

        float[] c1 = ReferenceDft.Random(2 * count, seed: 2), c2 = (float[])c1.Clone();
        NdFft.Transform(c1, shape, FftDirection.Forward, new FftOptions { Threads = 1 });
        NdFft.Transform(c2, shape, FftDirection.Forward, new FftOptions { Threads = 3 });
        Assert.Equal(c1, c2);
    }

    [Fact]
    public void NdFftTransform_MatchesReferenceWhenAxesAreCutIntoStrips()
    {
        // Axis 1 (n = 70) has 1000 columns and axis 0 (n = 2) 70000: both exceed one L2-sized
        // strip, so both go through the gather/scatter strip path.
        int[] shape = [2, 70, 1000];
        Assert.True(Tessera.Fft.NDim.AxisPasses.Strips(70, 1000).Strips > 1 && Tessera.Fft.NDim.AxisPasses.Strips(2, 70 * 1000).Strips > 1);
        int count = Product(shape);
        float[] x = ReferenceDft.Random(2 * count, seed: 12);
        double[] expected = ReferenceDft.DftNd(ReferenceDft.ToDouble(x), shape, inverse: false);
        NdFft.Transform(x, shape, FftDirection.Forward, new FftOptions { Threads = 2 });
        Assert.True(ReferenceDft.RelativeL2(x, expected) <= Tolerance);
    }

    [Fact]
    public void NdFft_LargeZAxisUsesStripsAndStaysCorrect()
    {
        // 2060/2+1 = 1031 columns per row and 64 rows: the Z and Y axes are cut into strips.
        int[] shape = [3, 64, 2060];
        Assert.True(Tessera.Fft.NDim.AxisPasses.Strips(64, 1031).Strips > 1 && Tessera.Fft.NDim.AxisPasses.Strips(3, 64 * 1031).Strips > 1);
        int count = Product(shape);
        float[] x = ReferenceDft.Random(count, seed: 4);
        var spectrum = new float[2 * NdFft.SpectrumLength(shape)];
        var back = new float[count];
        NdFft.ForwardReal(x, spectrum, shape);
        NdFft.InverseReal(spectrum, back, shape);
        for (int i = 0; i < count; i++)
        {
            back[i] /= count;
        }

        Assert.True(ReferenceDft.RelativeL2(back, ReferenceDft.ToDouble(x)) <= 2e-6);
    }

    [Fact]
    public void NdFft_InvalidArgumentsThrow()
    {
        var spectrum = new float[2 * 3 * 4 * 4];
        Assert.ThrowsAny<ArgumentException>(() => NdFft.ForwardReal(new float[3 * 4 * 6], spectrum, [3, 4, 6], new FftOptions { Threads = 0 }));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.ForwardReal(new float[3 * 4 * 6 - 1], spectrum, [3, 4, 6]));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.ForwardReal(new float[3 * 4 * 6], new float[spectrum.Length - 1], [3, 4, 6]));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.ForwardReal(new float[10], spectrum, []));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.ForwardReal(new float[10], spectrum, [3, 0, 6]));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.InverseReal(new float[spectrum.Length - 1], new float[72], [3, 4, 6]));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.InverseReal(spectrum, new float[71], [3, 4, 6]));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.Transform(new float[10], [3, 2], FftDirection.Forward));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.Transform(new float[12], [-3, 2], FftDirection.Forward));
        Assert.ThrowsAny<ArgumentException>(() => NdFft.SpectrumLength([70000, 70000, 70000]));
    }

    private static int Product(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    /// <summary>The (…, n/2+1) half of a full (…, n) complex spectrum.</summary>
    private static double[] HalfSpectrum(double[] full, int[] shape)
    {
        int n = shape[^1], h = (n / 2) + 1, rows = Product(shape) / n;
        var half = new double[2 * rows * h];
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(full, 2 * r * n, half, 2 * r * h, 2 * h);
        }

        return half;
    }

    /// <summary>The full spectrum from its half: X[i0,…,k] = conj(X[−i0,…,−k]) for k &gt; n/2.</summary>
    private static double[] FullSpectrum(double[] half, int[] shape)
    {
        int n = shape[^1], h = (n / 2) + 1, rows = Product(shape) / n, rank = shape.Length;
        var full = new double[2 * rows * n];
        var index = new int[rank];
        for (int flat = 0; flat < rows * n; flat++)
        {
            int rest = flat;
            for (int a = rank - 1; a >= 0; a--)
            {
                index[a] = rest % shape[a];
                rest /= shape[a];
            }

            bool mirrored = index[^1] >= h;
            int src = 0;
            for (int a = 0; a < rank; a++)
            {
                int i = mirrored ? (shape[a] - index[a]) % shape[a] : index[a];
                src = a == rank - 1 ? (src * h) + i : (src * shape[a]) + i;
            }

            full[2 * flat] = half[2 * src];
            full[(2 * flat) + 1] = mirrored ? -half[(2 * src) + 1] : half[(2 * src) + 1];
        }

        return full;
    }
}
