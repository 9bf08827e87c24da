using System.Runtime.InteropServices;

namespace Tessera.Bench.Data;

/// <summary>
/// A seeded, fluorescence-microscopy-like uint16 volume: a camera offset of 100, a smooth uneven
/// background, a few hundred bright Gaussian blobs (cells, beads) and shot plus read noise. Its
/// statistics (mostly dim, noisy low bytes, rare bright spots) are what Blosc meets in practice.
/// </summary>
internal static class MicroscopyChunk
{
    private const double CameraOffset = 100;
    private const double ReadNoise = 2;

    /// <summary>The volume of <paramref name="shape"/> (z, y, x), C order, as little-endian bytes.</summary>
    public static byte[] Create(int[] shape, int seed = 42)
    {
        if (shape.Length != 3)
        {
            throw new ArgumentException($"Expected a 3-d shape (z, y, x); got {shape.Length} dimensions.", nameof(shape));
        }

        int nz = shape[0], ny = shape[1], nx = shape[2];
        var random = new Random(seed);
        var photons = new float[(long)nz * ny * nx];

        // Smooth background: a few low-frequency waves, 5 to 35 photons.
        double fy = random.NextDouble() * 3, fx = random.NextDouble() * 3, fz = random.NextDouble() * 2;
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                int row = ((z * ny) + y) * nx;
                for (int x = 0; x < nx; x++)
                {
                    photons[row + x] = (float)(20
                        + (8 * Math.Sin((2 * Math.PI * fx * x / nx) + fy))
                        + (5 * Math.Cos((2 * Math.PI * fy * y / ny) + fz))
                        + (2 * Math.Sin(2 * Math.PI * fz * z / nz)));
                }
            }
        }

        // Bright blobs: one per 20,000 voxels, sigma 1.5-4 voxels, peaks of 50-2000 photons.
        int blobs = Math.Max(1, photons.Length / 20_000);
        for (int b = 0; b < blobs; b++)
        {
            AddBlob(photons, nz, ny, nx, random.NextDouble() * nz, random.NextDouble() * ny, random.NextDouble() * nx,
                1.5 + (2.5 * random.NextDouble()), 50 + (1950 * random.NextDouble() * random.NextDouble()));
        }

        // Shot noise (Gaussian approximation of Poisson) and read noise, then the camera offset.
        var values = new ushort[photons.Length];
        for (int i = 0; i < photons.Length; i++)
        {
            double mean = photons[i];
            double counts = mean + (Math.Sqrt(mean) * Gaussian(random)) + (ReadNoise * Gaussian(random));
            values[i] = (ushort)Math.Clamp(Math.Round(CameraOffset + counts), 0, ushort.MaxValue);
        }

        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    private static void AddBlob(float[] photons, int nz, int ny, int nx, double cz, double cy, double cx, double sigma, double peak)
    {
        int r = (int)Math.Ceiling(3 * sigma);
        double scale = -0.5 / (sigma * sigma);
        for (int z = Math.Max(0, (int)cz - r); z <= Math.Min(nz - 1, (int)cz + r); z++)
        {
            for (int y = Math.Max(0, (int)cy - r); y <= Math.Min(ny - 1, (int)cy + r); y++)
            {
                for (int x = Math.Max(0, (int)cx - r); x <= Math.Min(nx - 1, (int)cx + r); x++)
                {
                    double d2 = ((z - cz) * (z - cz)) + ((y - cy) * (y - cy)) + ((x - cx) * (x - cx));
                    photons[(((long)z * ny) + y) * nx + x] += (float)(peak * Math.Exp(d2 * scale));
                }
            }
        }
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller; one value per call is plenty fast for a benchmark fixture.
        double u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
