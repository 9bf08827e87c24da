using Tessera.Cli.Samples;

namespace Tessera.Cli.Demo;

/// <summary>
/// The demo's ground truth, in photons per voxel: sparse bright sub-resolution beads and a few thin
/// filaments (smooth random walks) on a low, smooth background. Each channel has its own objects,
/// drifting slowly over time. Volume (c, t) depends only on its indices and <see cref="Seed"/>, so
/// volumes render in any order, on any number of threads, to the same floats.
/// </summary>
internal static class DemoObject
{
    /// <summary>The seed of every demo data set.</summary>
    public const ulong Seed = 0xDE30_5EED_2026UL;

    /// <summary>The background's peak level in channel 0, photons per voxel.</summary>
    public const double BackgroundLevel = 6;

    /// <summary>The range of a bead's total photons (channel 0; later channels are dimmer).</summary>
    public static readonly (double Min, double Max) BeadPhotons = (1500, 12000);

    /// <summary>Photons per voxel of filament length.</summary>
    public const double FilamentPhotonsPerVoxel = 600;

    /// <summary>The walk's step, in voxels: under one, so consecutive splats overlap into a continuous line.</summary>
    private const double Step = 0.5;

    /// <summary>How sharply a filament turns: the standard deviation of each step's change of direction.</summary>
    private const double Bend = 0.12;

    /// <summary>Renders volume (<paramref name="channel"/>, <paramref name="time"/>) of <paramref name="size"/> into <paramref name="truth"/> (z, y, x in C order, fully overwritten).</summary>
    public static void Render(DemoSize size, int channel, int time, Span<float> truth)
    {
        int[] shape = size.VolumeShape;
        AddBackground(truth[..size.VolumeLength], shape, channel);
        double brightness = Math.Pow(0.7, channel);
        AddBeads(truth, shape, size.Beads, brightness, channel, time);
        AddFilaments(truth, shape, size.Filaments, brightness, channel, time);
    }

    /// <summary>A smooth separable background: brightest mid-stack, with slow lateral modulation; overwrites every voxel.</summary>
    private static void AddBackground(Span<float> truth, int[] shape, int channel)
    {
        int nz = shape[0], ny = shape[1], nx = shape[2];
        double phase = 1.3 * channel;
        var bz = new double[nz];
        var by = new double[ny];
        var bx = new double[nx];
        for (int z = 0; z < nz; z++)
        {
            double d = (z - ((nz - 1) / 2.0)) / (0.7 * nz);
            bz[z] = BackgroundLevel * Math.Exp(-d * d);
        }

        for (int y = 0; y < ny; y++)
        {
            by[y] = 1 + (0.3 * Math.Cos((2 * Math.PI * y / ny) + phase));
        }

        for (int x = 0; x < nx; x++)
        {
            bx[x] = 1 + (0.3 * Math.Sin((1.4 * Math.PI * x / nx) + phase));
        }

        int i = 0;
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                double row = bz[z] * by[y];
                for (int x = 0; x < nx; x++)
                {
                    truth[i++] = (float)(row * bx[x]);
                }
            }
        }
    }

    /// <summary>Point-like beads at sub-voxel positions, fixed per channel, drifting up to 0.3 voxel per time point.</summary>
    private static void AddBeads(Span<float> truth, int[] shape, int count, double brightness, int channel, int time)
    {
        var random = new SplitMix64(SplitMix64.Mix(Seed, channel, 1));
        for (int b = 0; b < count; b++)
        {
            // Draw every parameter whatever the time point, so bead b is the same bead at every t.
            double photons = brightness * random.NextDouble(BeadPhotons.Min, BeadPhotons.Max);
            double z = random.NextDouble(0, shape[0] - 1) + (time * random.NextDouble(-0.3, 0.3));
            double y = random.NextDouble(0, shape[1] - 1) + (time * random.NextDouble(-0.3, 0.3));
            double x = random.NextDouble(0, shape[2] - 1) + (time * random.NextDouble(-0.3, 0.3));
            Splat(truth, shape, z, y, x, photons);
        }
    }

    /// <summary>Smooth random walks, mostly in the (y, x) plane, each about the volume's width long; the whole filament drifts with time.</summary>
    private static void AddFilaments(Span<float> truth, int[] shape, int count, double brightness, int channel, int time)
    {
        var random = new SplitMix64(SplitMix64.Mix(Seed, channel, 2));
        int steps = (int)(Math.Max(shape[1], shape[2]) / Step);
        for (int f = 0; f < count; f++)
        {
            double dz = time * random.NextDouble(-0.2, 0.2);
            double dy = time * random.NextDouble(-0.5, 0.5);
            double dx = time * random.NextDouble(-0.5, 0.5);
            double z = random.NextDouble(0, shape[0] - 1) + dz;
            double y = random.NextDouble(0, shape[1] - 1) + dy;
            double x = random.NextDouble(0, shape[2] - 1) + dx;
            double vz = 0.2 * random.NextGaussian(), vy = random.NextGaussian(), vx = random.NextGaussian();
            double perStep = brightness * FilamentPhotonsPerVoxel * Step;
            for (int s = 0; s < steps; s++)
            {
                double norm = Math.Sqrt((vz * vz) + (vy * vy) + (vx * vx));
                if (norm == 0)
                {
                    norm = 1;
                    vx = 1;
                }

                // Normalised so each step is Step voxels long; z bends less, keeping filaments flat-ish.
                vz /= norm;
                vy /= norm;
                vx /= norm;
                z += Step * vz;
                y += Step * vy;
                x += Step * vx;
                Splat(truth, shape, z, y, x, perStep);
                vz += 0.3 * Bend * random.NextGaussian();
                vy += Bend * random.NextGaussian();
                vx += Bend * random.NextGaussian();
            }
        }
    }

    /// <summary>Adds <paramref name="photons"/> at a sub-voxel position, spread over its 8 neighbours by trilinear weights; the parts outside the volume are lost.</summary>
    private static void Splat(Span<float> truth, int[] shape, double z, double y, double x, double photons)
    {
        int z0 = (int)Math.Floor(z), y0 = (int)Math.Floor(y), x0 = (int)Math.Floor(x);
        double fz = z - z0, fy = y - y0, fx = x - x0;
        for (int a = 0; a < 2; a++)
        {
            int iz = z0 + a;
            if ((uint)iz >= (uint)shape[0])
            {
                continue;
            }

            double wz = a == 0 ? 1 - fz : fz;
            for (int b = 0; b < 2; b++)
            {
                int iy = y0 + b;
                if ((uint)iy >= (uint)shape[1])
                {
                    continue;
                }

                double wzy = wz * (b == 0 ? 1 - fy : fy);
                int row = ((iz * shape[1]) + iy) * shape[2];
                for (int c = 0; c < 2; c++)
                {
                    int ix = x0 + c;
                    if ((uint)ix < (uint)shape[2])
                    {
                        truth[row + ix] += (float)(photons * wzy * (c == 0 ? 1 - fx : fx));
                    }
                }
            }
        }
    }
}
