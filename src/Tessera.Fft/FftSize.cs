namespace Tessera.Fft;

/// <summary>Sizes that the mixed-radix transforms handle fastest.</summary>
public static class FftSize
{
    /// <summary>
    /// The smallest 2^a·3^b·5^c·7^d that is at least <paramref name="n"/> (1 for n = 1). Padding
    /// to such a size avoids Bluestein's algorithm, which costs several times more.
    /// </summary>
    /// <param name="n">The minimum length, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 1 or above 2^30.</exception>
    public static int NextFast(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 1 << 30);
        for (int m = n; ; m++)
        {
            if (IsFast(m))
            {
                return m;
            }
        }
    }

    /// <summary>Whether <paramref name="n"/> ≥ 1 has no prime factor above 7.</summary>
    /// <param name="n">The length to test.</param>
    public static bool IsFast(int n)
    {
        if (n < 1)
        {
            return false;
        }

        foreach (int p in (ReadOnlySpan<int>)[2, 3, 5, 7])
        {
            while (n % p == 0)
            {
                n /= p;
            }
        }

        return n == 1;
    }
}
