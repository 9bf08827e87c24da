using Tessera.Fft.Kernels;
using Tessera.Fft.Plans;

namespace Tessera.Fft;

/// <summary>Factorisation and twiddle tables.</summary>
public sealed partial class ComplexFftPlan
{
    /// <summary>
    /// The radices of <paramref name="n"/>, or null when a prime factor above 7 remains. The
    /// power of two goes in as few passes as possible (8s, with 4s or a 2 for the rest: 2^5 is
    /// 8·4, 2^4 stays 4·4), then 3, 5, 7: every pass streams the whole line set once.
    /// </summary>
    internal static int[]? Factor(int n)
    {
        var radices = new List<int>();
        int e = 0;
        while (n % 2 == 0)
        {
            e++;
            n /= 2;
        }

        int fours = e % 3 == 2 ? 1 : e % 3 == 1 && e >= 4 ? 2 : 0;
        int twos = e % 3 == 1 && e < 4 ? 1 : 0;
        for (int i = 0; i < (e - (2 * fours) - twos) / 3; i++)
        {
            radices.Add(8);
        }

        for (int i = 0; i < fours; i++)
        {
            radices.Add(4);
        }

        if (twos == 1)
        {
            radices.Add(2);
        }

        foreach (int p in (ReadOnlySpan<int>)[3, 5, 7])
        {
            while (n % p == 0)
            {
                radices.Add(p);
                n /= p;
            }
        }

        return n == 1 ? [.. radices] : null;
    }

    private static (StockhamStage[] Stages, float[] Forward, float[] Inverse) BuildStages(int n, int[] radices)
    {
        var stages = new StockhamStage[radices.Length];
        int total = 0;
        for (int i = 0, len = n; i < radices.Length; len /= radices[i], i++)
        {
            total += 2 * (radices[i] - 1) * (len / radices[i]);
        }

        var forward = new float[total];
        var inverse = new float[total];
        int offset = 0, stride = 1, length = n;
        for (int i = 0; i < radices.Length; i++)
        {
            int r = radices[i], m = length / r;
            stages[i] = new StockhamStage(r, m, stride, offset);
            for (int p = 0; p < m; p++)
            {
                for (int k = 1; k < r; k++)
                {
                    (forward[offset], forward[offset + 1]) = Twiddles.Root((long)p * k, length, inverse: false);
                    (inverse[offset], inverse[offset + 1]) = Twiddles.Root((long)p * k, length, inverse: true);
                    offset += 2;
                }
            }

            length = m;
            stride *= r;
        }

        return (stages, forward, inverse);
    }

    /// <summary>cos(2πt/r) and sin(2πt/r) for t &lt; r, for <see cref="OddRadixPass"/>.</summary>
    private static float[] Trig(int r)
    {
        var trig = new float[2 * r];
        for (int t = 0; t < r; t++)
        {
            // The inverse root e^{+2πit/r} is (cos, +sin).
            (trig[2 * t], trig[(2 * t) + 1]) = Twiddles.Root(t, r, inverse: true);
        }

        return trig;
    }
}
