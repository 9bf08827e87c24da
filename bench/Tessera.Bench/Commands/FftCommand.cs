using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tessera.Bench.Peers;
using Tessera.Fft;

namespace Tessera.Bench.Commands;

/// <summary>
/// <c>fft --shape Z,Y,X [--threads N] [--repeat R]</c>: the median time of one forward
/// real-to-complex plus one inverse complex-to-real 3-D float32 transform, after warm-up, beside
/// FFTW (FFTW_MEASURE, same threads) where gcc and libfftw3-dev are present. The last line is
/// always <c>pair_ms=&lt;median ms&gt;</c>.
/// </summary>
internal sealed class FftCommand : IBenchCommand
{
    public string Usage => "--shape Z,Y,X [--threads N] [--repeat 9]";

    public int Run(string[] args)
    {
        var options = new BenchArguments(args, "shape", "threads", "repeat");
        int[] shape = options.GetShape("shape", [96, 288, 288]);
        int threads = options.GetInt("threads", Environment.ProcessorCount);
        int repeat = options.GetInt("repeat", 9);
        if (shape.Length != 3)
        {
            throw new BenchUsageException($"--shape must have 3 dimensions (z,y,x); got {shape.Length}.");
        }

        int count = shape[0] * shape[1] * shape[2];
        var volume = new float[count];
        var random = new Random(1);
        for (int i = 0; i < count; i++)
        {
            volume[i] = random.NextSingle();
        }

        var spectrum = new float[2 * NdFft.SpectrumLength(shape)];
        var back = new float[count];
        var fftOptions = new FftOptions { Threads = threads };
        var forward = new List<double>();
        var inverse = new List<double>();

        // Warm-up: plans, pooled buffers and tiered JIT (a few rounds reach the optimised tier).
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 3 || warm.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            NdFft.ForwardReal(volume, spectrum, shape, fftOptions);
            NdFft.InverseReal(spectrum, back, shape, fftOptions);
        }

        for (int r = 0; r < repeat; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            NdFft.ForwardReal(volume, spectrum, shape, fftOptions);
            long t1 = Stopwatch.GetTimestamp();
            NdFft.InverseReal(spectrum, back, shape, fftOptions);
            long t2 = Stopwatch.GetTimestamp();
            forward.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            inverse.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
        }

        double error = RoundTripError(volume, back, count);
        string peer = FftwBench.Run(shape, threads, repeat);
        var pairs = forward.Zip(inverse, (a, b) => a + b).ToList();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Tessera FFT r2c + c2r, float32 {string.Join('x', shape)}, {threads} thread(s), median of {repeat} after warm-up");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, Vector256 {Vector256.IsHardwareAccelerated}");
        Console.WriteLine(string.Format(inv, "tessera {0} threads={1} r2c_ms={2:F2} c2r_ms={3:F2} pair_ms={4:F2} roundtrip_rel_l2={5:E1}", string.Join('x', shape), threads, Median(forward), Median(inverse), Median(pairs), error));
        Console.WriteLine(peer);
        Console.WriteLine(string.Format(inv, "pair_ms={0:F2}", Median(pairs)));
        return 0;
    }

    private static double RoundTripError(float[] x, float[] back, int count)
    {
        double diff = 0, norm = 0;
        for (int i = 0; i < count; i++)
        {
            double d = (back[i] / (double)count) - x[i];
            diff += d * d;
            norm += (double)x[i] * x[i];
        }

        return Math.Sqrt(diff / norm);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }
}
