using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Tessera.Bench.Peers;
using Tessera.Buffers;
using Tessera.Imaging.Deconvolution;

namespace Tessera.Bench.Commands;

/// <summary>
/// <c>rl --shape Z,Y,X --psf-shape A,B,C [--iterations N] [--threads N] [--repeat R] [--peers all|none]</c>: the median
/// wall time of one Richardson–Lucy deconvolution (OTF preparation included, edge padding, the
/// input as first estimate) of a synthetic float32 volume with an anisotropic Gaussian PSF, after
/// one warm-up run, beside scikit-image and ITK on the same data (<see cref="RlPeers"/>) unless
/// <c>--peers none</c>. Defaults are workload W1 (64×256×256, PSF 31³, 10 iterations). The last line
/// is always <c>seconds=&lt;median seconds&gt;</c>.
/// </summary>
internal sealed class RlCommand : IBenchCommand
{
    public string Usage => "--shape Z,Y,X --psf-shape A,B,C [--iterations 10] [--threads N] [--repeat 3] [--peers all|none]";

    public int Run(string[] args)
    {
        var options = new BenchArguments(args, "shape", "psf-shape", "iterations", "threads", "repeat", "peers");
        int[] shape = options.GetShape("shape", [64, 256, 256]);
        int[] psfShape = options.GetShape("psf-shape", [31, 31, 31]);
        int iterations = options.GetInt("iterations", 10);
        int threads = options.GetInt("threads", Environment.ProcessorCount);
        int repeat = options.GetInt("repeat", 3);
        string peers = options.GetString("peers", "all");
        if (peers is not ("all" or "none"))
        {
            throw new BenchUsageException($"--peers must be 'all' or 'none'; got '{peers}'.");
        }

        if (shape.Length != 3 || psfShape.Length != 3)
        {
            throw new BenchUsageException("--shape and --psf-shape must have 3 dimensions (z,y,x).");
        }

        using var image = SyntheticVolume(shape);
        using var psf = GaussianPsf(psfShape);
        var rl = new RichardsonLucyOptions { Iterations = iterations, Threads = threads, PadMode = PadMode.Edge };

        // Warm-up: FFT plans, pooled buffers and tiered JIT (a few rounds reach the optimised tier).
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 3 || warm.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            RichardsonLucy.Deconvolve(image, psf, rl with { Iterations = 1 }).Dispose();
        }

        var times = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            using var result = RichardsonLucy.Deconvolve(image, psf, rl);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }

        using var otf = OpticalTransfer.Create(psf, shape);
        double median = times.Order().ElementAt(times.Count / 2);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Tessera Richardson–Lucy, float32 {string.Join('x', shape)}, PSF {string.Join('x', psfShape)}, padded {string.Join('x', otf.PaddedShape.ToArray())}, {iterations} iterations, {threads} thread(s), median of {repeat} after warm-up");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine(string.Format(inv, "tessera rl seconds={0:F3} per_iteration_ms={1:F1} runs=[{2}] peak_working_set_mb={3:F0}", median, 1000 * median / Math.Max(1, iterations), string.Join(' ', times.Select(t => t.ToString("F3", inv))), Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0));
        if (peers == "all")
        {
            foreach (string line in RlPeers.Run(image, psf, iterations, threads, repeat))
            {
                Console.WriteLine(line);
            }
        }

        Console.WriteLine(string.Format(inv, "seconds={0:F3}", median));
        return 0;
    }

    /// <summary>Bright points and small blobs on a dim background with noise: seeded, positive, like light-sheet data.</summary>
    private static NDBuffer<float> SyntheticVolume(int[] shape)
    {
        var image = NDBuffer<float>.Allocate(shape);
        var span = image.Span;
        var random = new Random(1);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = 10 + (4 * random.NextSingle());
        }

        for (int p = 0; p < span.Length / 2000; p++)
        {
            span[random.Next(span.Length)] += 500 + (1000 * random.NextSingle());
        }

        return image;
    }

    /// <summary>An anisotropic Gaussian (σ 1/8 of the size along z, 1/16 along y and x), as light-sheet PSFs are elongated along z.</summary>
    private static NDBuffer<float> GaussianPsf(int[] shape)
    {
        var psf = NDBuffer<float>.Allocate(shape);
        double sz = Math.Max(0.5, shape[0] / 8.0), sy = Math.Max(0.5, shape[1] / 16.0), sx = Math.Max(0.5, shape[2] / 16.0);
        for (int z = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int x = 0; x < shape[2]; x++)
                {
                    double dz = (z - ((shape[0] - 1) / 2.0)) / sz, dy = (y - ((shape[1] - 1) / 2.0)) / sy, dx = (x - ((shape[2] - 1) / 2.0)) / sx;
                    psf[z, y, x] = (float)Math.Exp(-0.5 * ((dz * dz) + (dy * dy) + (dx * dx)));
                }
            }
        }

        return psf;
    }
}
