using Tessera.Buffers;

namespace Tessera.Cli.Samples;

/// <summary>
/// Renders deterministic synthetic light-sheet volumes: bright blobs elongated along z (as a light-sheet
/// PSF makes them) drifting slowly over time, on a smooth background, plus the camera's offset, shot
/// noise and read noise, as uint16 counts. Each (channel, time) volume depends only on its indices and
/// <see cref="Seed"/>, so volumes can be rendered in any order and on any number of threads.
/// </summary>
internal static class LightSheetSample
{
    /// <summary>The seed of every sample.</summary>
    public const ulong Seed = 0x7E55E7A_2024UL;

    /// <summary>The camera's dark level added to every pixel, as sCMOS cameras do.</summary>
    public const int CameraOffset = 100;

    /// <summary>The read noise of the camera, in counts (a typical sCMOS value).</summary>
    public const double ReadNoise = 1.6;

    /// <summary>The z elongation of blobs: light-sheet PSFs are several times longer axially than laterally.</summary>
    private const double AxialStretch = 2.5;

    /// <summary>Renders volume (<paramref name="channel"/>, <paramref name="time"/>) of <paramref name="size"/> into <paramref name="volume"/> (z, y, x in C order).</summary>
    public static void Render(SampleSize size, int channel, int time, Span<ushort> volume)
    {
        int[] shape = size.VolumeShape;
        int n = shape[0] * shape[1] * shape[2];
        if (volume.Length < n)
        {
            throw new ArgumentException($"A volume of {size.Name} needs {n} elements; got {volume.Length}.", nameof(volume));
        }

        float[] signal = BufferPool.Rent<float>(n);
        try
        {
            var photons = signal.AsSpan(0, n);
            AddBackground(photons, shape, channel);
            AddBlobs(photons, shape, size.BlobsPerChannel, channel, time);
            Digitize(photons, volume[..n], SplitMix64.Mix(Seed, channel, time, 1));
        }
        finally
        {
            BufferPool.Return(signal);
        }
    }

    /// <summary>A smooth, separable background: brightest mid-stack, with slow lateral modulation.</summary>
    private static void AddBackground(Span<float> photons, int[] shape, int channel)
    {
        int nz = shape[0], ny = shape[1], nx = shape[2];
        double level = 25 + (15 * channel);
        double phase = 0.9 * channel;
        var bz = new double[nz];
        var by = new double[ny];
        var bx = new double[nx];
        for (int z = 0; z < nz; z++)
        {
            double d = (z - ((nz - 1) / 2.0)) / (0.6 * nz);
            bz[z] = level * Math.Exp(-d * d);
        }

        for (int y = 0; y < ny; y++)
        {
            by[y] = 1 + (0.4 * Math.Cos((2 * Math.PI * y / ny) + phase));
        }

        for (int x = 0; x < nx; x++)
        {
            bx[x] = 1 + (0.3 * Math.Sin((1.6 * Math.PI * x / nx) + phase));
        }

        int i = 0;
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                double row = bz[z] * by[y];
                for (int x = 0; x < nx; x++)
                {
                    photons[i++] = (float)(row * bx[x]);
                }
            }
        }
    }

    /// <summary>Adds anisotropic Gaussian blobs whose positions are fixed per channel and drift with time.</summary>
    private static void AddBlobs(Span<float> photons, int[] shape, int count, int channel, int time)
    {
        var random = new SplitMix64(SplitMix64.Mix(Seed, channel, 0));
        for (int b = 0; b < count; b++)
        {
            // Draw every parameter whatever the time point, so blob b is the same object at every t.
            double sigma = random.NextDouble(0.9, 2.4);
            double amplitude = random.NextDouble(150, 1800) * (channel == 0 ? 1.0 : 0.6);
            double[] center = new double[3];
            double[] velocity = new double[3];
            for (int axis = 0; axis < 3; axis++)
            {
                center[axis] = random.NextDouble(0, shape[axis]);
                velocity[axis] = random.NextDouble(-0.6, 0.6);
            }

            for (int axis = 0; axis < 3; axis++)
            {
                center[axis] += velocity[axis] * time;
            }

            double[] sigmas = [sigma * AxialStretch, sigma, sigma];
            AddBlob(photons, shape, center, sigmas, amplitude);
        }
    }

    private static void AddBlob(Span<float> photons, int[] shape, double[] center, double[] sigmas, double amplitude)
    {
        // Separable: the 3-D Gaussian is the product of three 1-D profiles over a ±3σ window.
        Span<int> lo = stackalloc int[3];
        Span<int> hi = stackalloc int[3];
        var profiles = new double[3][];
        for (int axis = 0; axis < 3; axis++)
        {
            lo[axis] = Math.Max(0, (int)Math.Floor(center[axis] - (3 * sigmas[axis])));
            hi[axis] = Math.Min(shape[axis] - 1, (int)Math.Ceiling(center[axis] + (3 * sigmas[axis])));
            if (hi[axis] < lo[axis])
            {
                return; // Drifted out of the volume.
            }

            profiles[axis] = new double[hi[axis] - lo[axis] + 1];
            for (int k = lo[axis]; k <= hi[axis]; k++)
            {
                double d = (k - center[axis]) / sigmas[axis];
                profiles[axis][k - lo[axis]] = Math.Exp(-0.5 * d * d);
            }
        }

        for (int z = lo[0]; z <= hi[0]; z++)
        {
            double wz = amplitude * profiles[0][z - lo[0]];
            for (int y = lo[1]; y <= hi[1]; y++)
            {
                double wzy = wz * profiles[1][y - lo[1]];
                int row = ((z * shape[1]) + y) * shape[2];
                for (int x = lo[2]; x <= hi[2]; x++)
                {
                    photons[row + x] += (float)(wzy * profiles[2][x - lo[2]]);
                }
            }
        }
    }

    /// <summary>Camera model: offset + photons + shot noise (Gaussian approximation of Poisson) + read noise.</summary>
    private static void Digitize(ReadOnlySpan<float> photons, Span<ushort> counts, ulong seed)
    {
        var random = new SplitMix64(seed);
        for (int i = 0; i < photons.Length; i++)
        {
            double p = photons[i];
            double value = CameraOffset + p + (Math.Sqrt(p + (ReadNoise * ReadNoise)) * random.NextGaussian());
            counts[i] = (ushort)Math.Clamp(Math.Round(value), 0, ushort.MaxValue);
        }
    }
}
