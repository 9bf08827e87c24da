using Tessera.Imaging.Deconvolution;

namespace Tessera.Imaging.Tests.Deconvolution;

/// <summary>
/// An independent float64 Richardson–Lucy on the padded grid, by direct circular convolution in
/// the spatial domain (no FFT): the volume padded to P = next 2^a3^b5^c7^d ≥ N + K − 1 at offset
/// (P − N)/2 by the pad mode; the PSF normalised and centred at (K − 1)/2; the back-projection
/// is convolution with the mirrored PSF centred by the same rule (scikit-image's convention).
/// Keep sizes small: the cost is P³·K³ per convolution.
/// </summary>
internal static class ReferenceRichardsonLucy
{
    public static double[] Run(float[] image, int[] n, float[] psf, int[] k, int iterations, PadMode mode, InitialEstimate init, double initialValue = 0.5)
    {
        int[] p = new int[3], lo = new int[3];
        for (int a = 0; a < 3; a++)
        {
            p[a] = NextSmooth(n[a] + k[a] - 1);
            lo[a] = (p[a] - n[a]) / 2;
        }

        double psfSum = psf.Sum(v => (double)v);
        double[] h = Array.ConvertAll(psf, v => v / psfSum);
        double[] mirror = h.Reverse().ToArray();
        int total = p[0] * p[1] * p[2];
        var observed = new double[total];
        var inside = new bool[total];
        for (int z = 0; z < p[0]; z++)
        {
            for (int y = 0; y < p[1]; y++)
            {
                for (int x = 0; x < p[2]; x++)
                {
                    int iz = Source(z - lo[0], n[0], mode), iy = Source(y - lo[1], n[1], mode), ix = Source(x - lo[2], n[2], mode);
                    int i = (((z * p[1]) + y) * p[2]) + x;
                    inside[i] = (uint)(z - lo[0]) < n[0] && (uint)(y - lo[1]) < n[1] && (uint)(x - lo[2]) < n[2];
                    observed[i] = iz < 0 || iy < 0 || ix < 0 ? 0 : image[(((iz * n[1]) + iy) * n[2]) + ix];
                }
            }
        }

        double start = init == InitialEstimate.Mean ? image.Average(v => (double)v) : initialValue;
        var est = init == InitialEstimate.Input ? (double[])observed.Clone() : Enumerable.Repeat(start, total).ToArray();
        bool zero = mode == PadMode.Zero;
        for (int i = 0; i < total && zero; i++)
        {
            est[i] = inside[i] ? est[i] : 0;
        }

        for (int it = 0; it < iterations; it++)
        {
            double[] blurred = Convolve(est, p, h, k);
            var ratio = new double[total];
            for (int i = 0; i < total; i++)
            {
                ratio[i] = zero && !inside[i] ? 0 : observed[i] / (blurred[i] + 1e-12);
            }

            double[] correction = Convolve(ratio, p, mirror, k);
            for (int i = 0; i < total; i++)
            {
                est[i] = zero && !inside[i] ? 0 : est[i] * correction[i];
            }
        }

        var result = new double[n[0] * n[1] * n[2]];
        for (int z = 0; z < n[0]; z++)
        {
            for (int y = 0; y < n[1]; y++)
            {
                for (int x = 0; x < n[2]; x++)
                {
                    result[(((z * n[1]) + y) * n[2]) + x] = est[((((z + lo[0]) * p[1]) + y + lo[1]) * p[2]) + x + lo[2]];
                }
            }
        }

        return result;
    }

    /// <summary>out[i] = Σ_j w[j]·f[(i − j + c) mod P], c = (K − 1)/2 per axis: scipy's 'same' centring, circular on the padded grid.</summary>
    private static double[] Convolve(double[] f, int[] p, double[] w, int[] k)
    {
        var result = new double[f.Length];
        int cz = (k[0] - 1) / 2, cy = (k[1] - 1) / 2, cx = (k[2] - 1) / 2;
        for (int z = 0; z < p[0]; z++)
        {
            for (int y = 0; y < p[1]; y++)
            {
                for (int x = 0; x < p[2]; x++)
                {
                    double s = 0;
                    for (int jz = 0; jz < k[0]; jz++)
                    {
                        int sz = Mod(z - jz + cz, p[0]);
                        for (int jy = 0; jy < k[1]; jy++)
                        {
                            int sy = Mod(y - jy + cy, p[1]);
                            for (int jx = 0; jx < k[2]; jx++)
                            {
                                s += w[(((jz * k[1]) + jy) * k[2]) + jx] * f[(((sz * p[1]) + sy) * p[2]) + Mod(x - jx + cx, p[2])];
                            }
                        }
                    }

                    result[(((z * p[1]) + y) * p[2]) + x] = s;
                }
            }
        }

        return result;
    }

    private static int Mod(int a, int m) => ((a % m) + m) % m;

    /// <summary>The volume index a padded index copies (−1: zero), written out case by case as NumPy's pad modes define them.</summary>
    private static int Source(int i, int n, PadMode mode)
    {
        if (i >= 0 && i < n)
        {
            return i;
        }

        switch (mode)
        {
            case PadMode.Zero:
                return -1;
            case PadMode.Edge:
                return i < 0 ? 0 : n - 1;
            default:
                // Reflect repeatedly until inside: d c b | a b c d | c b a.
                if (n == 1)
                {
                    return 0;
                }

                while (i < 0 || i >= n)
                {
                    i = i < 0 ? -i : (2 * (n - 1)) - i;
                }

                return i;
        }
    }

    private static int NextSmooth(int m)
    {
        for (; ; m++)
        {
            int r = m;
            foreach (int f in new[] { 2, 3, 5, 7 })
            {
                while (r % f == 0)
                {
                    r /= f;
                }
            }

            if (r == 1)
            {
                return m;
            }
        }
    }
}
