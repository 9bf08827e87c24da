using Tessera.Buffers;

namespace Tessera.Imaging.Tests;

/// <summary>Seeded synthetic volumes and PSFs, and the error measure the tests state bounds in.</summary>
internal static class TestVolumes
{
    /// <summary>Gaussian blobs on a dim background plus uniform noise: positive, like photon counts.</summary>
    public static NDBuffer<float> Blobs(int[] shape, int seed, int blobs = 12)
    {
        var rng = new Random(seed);
        var b = NDBuffer<float>.Allocate(shape);
        var centres = new double[blobs, 5];
        for (int i = 0; i < blobs; i++)
        {
            centres[i, 0] = rng.NextDouble() * shape[0];
            centres[i, 1] = rng.NextDouble() * shape[1];
            centres[i, 2] = rng.NextDouble() * shape[2];
            centres[i, 3] = 1 + (rng.NextDouble() * 2.5);
            centres[i, 4] = 20 + (rng.NextDouble() * 80);
        }

        var s = b.Span;
        int k = 0;
        for (int z = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int x = 0; x < shape[2]; x++)
                {
                    double v = 2;
                    for (int i = 0; i < blobs; i++)
                    {
                        double dz = z - centres[i, 0], dy = y - centres[i, 1], dx = x - centres[i, 2];
                        v += centres[i, 4] * Math.Exp(-((dz * dz) + (dy * dy) + (dx * dx)) / (2 * centres[i, 3] * centres[i, 3]));
                    }

                    s[k++] = (float)(v + rng.NextDouble());
                }
            }
        }

        return b;
    }

    /// <summary>An anisotropic Gaussian PSF of any (odd or even) size, summing to <paramref name="total"/>.</summary>
    public static NDBuffer<float> Psf(int[] shape, double sz, double sy, double sx, double total = 1)
    {
        var b = NDBuffer<float>.Allocate(shape);
        var s = b.Span;
        double sum = 0;
        var tmp = new double[s.Length];
        int k = 0;
        for (int z = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int x = 0; x < shape[2]; x++)
                {
                    // Off-centre on purpose (0.3 voxel), so a mix-up of centring conventions shows.
                    double dz = (z - ((shape[0] - 1) / 2.0) - 0.3) / sz;
                    double dy = (y - ((shape[1] - 1) / 2.0)) / sy;
                    double dx = (x - ((shape[2] - 1) / 2.0) + 0.3) / sx;
                    tmp[k] = Math.Exp(-0.5 * ((dz * dz) + (dy * dy) + (dx * dx)));
                    sum += tmp[k++];
                }
            }
        }

        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (float)(tmp[i] * total / sum);
        }

        return b;
    }

    public static double RelativeL2(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double num = 0, den = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = actual[i] - expected[i];
            num += d * d;
            den += expected[i] * expected[i];
        }

        return Math.Sqrt(num / den);
    }
}
