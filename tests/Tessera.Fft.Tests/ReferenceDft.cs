namespace Tessera.Fft.Tests;

/// <summary>
/// The independent reference: a naive O(n²) DFT in double, and N-D by applying it along each
/// axis, plus the error measure the tests state their bounds in.
/// </summary>
internal static class ReferenceDft
{
    /// <summary>Σ x[j]·e^{∓2πi·jk/n} of interleaved complex <paramref name="x"/>, in double.</summary>
    public static double[] Dft(ReadOnlySpan<double> x, bool inverse)
    {
        int n = x.Length / 2;
        var y = new double[2 * n];
        double sign = inverse ? 2 : -2;

        // One table of e^{∓2πi·t/n}; (j·k) mod n indexes it, keeping the angle exact.
        var cos = new double[n];
        var sin = new double[n];
        for (int t = 0; t < n; t++)
        {
            cos[t] = Math.Cos(sign * Math.PI * t / n);
            sin[t] = Math.Sin(sign * Math.PI * t / n);
        }

        for (int k = 0; k < n; k++)
        {
            double re = 0, im = 0;
            for (int j = 0; j < n; j++)
            {
                int t = (int)((long)j * k % n);
                re += (x[2 * j] * cos[t]) - (x[(2 * j) + 1] * sin[t]);
                im += (x[2 * j] * sin[t]) + (x[(2 * j) + 1] * cos[t]);
            }

            y[2 * k] = re;
            y[(2 * k) + 1] = im;
        }

        return y;
    }

    /// <summary>The N-D DFT of interleaved complex data of <paramref name="shape"/>, axis by axis.</summary>
    public static double[] DftNd(double[] data, int[] shape, bool inverse)
    {
        var x = (double[])data.Clone();
        for (int axis = 0; axis < shape.Length; axis++)
        {
            int n = shape[axis];
            int inner = 1;
            for (int a = axis + 1; a < shape.Length; a++)
            {
                inner *= shape[a];
            }

            int outer = x.Length / 2 / (n * inner);
            var line = new double[2 * n];
            for (int o = 0; o < outer; o++)
            {
                for (int c = 0; c < inner; c++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        int at = 2 * ((((o * n) + j) * inner) + c);
                        line[2 * j] = x[at];
                        line[(2 * j) + 1] = x[at + 1];
                    }

                    double[] y = Dft(line, inverse);
                    for (int j = 0; j < n; j++)
                    {
                        int at = 2 * ((((o * n) + j) * inner) + c);
                        x[at] = y[2 * j];
                        x[at + 1] = y[(2 * j) + 1];
                    }
                }
            }
        }

        return x;
    }

    /// <summary>‖actual − expected‖₂ / ‖expected‖₂ (the absolute error when expected is all zero).</summary>
    public static double RelativeL2(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double diff = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = actual[i] - expected[i];
            diff += d * d;
            norm += expected[i] * expected[i];
        }

        return norm == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff / norm);
    }

    /// <summary>Seeded uniform values in [−1, 1).</summary>
    public static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
