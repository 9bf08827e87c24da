namespace Tessera.Fft.Plans;

/// <summary>
/// A plain radix-2 FFT in double, for plan set-up only (Bluestein's kernel), where accuracy
/// matters and speed does not.
/// </summary>
internal static class DoubleFft
{
    /// <summary>In-place forward transform; the length is a power of two.</summary>
    public static void Forward(double[] re, double[] im)
    {
        int n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (int len = 2; len <= n; len <<= 1)
        {
            int half = len / 2;
            for (int k = 0; k < half; k++)
            {
                var (wr, wi) = Twiddles.RootDouble(k, len, inverse: false);
                for (int start = 0; start < n; start += len)
                {
                    int a = start + k, b = a + half;
                    double tr = (re[b] * wr) - (im[b] * wi), ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
