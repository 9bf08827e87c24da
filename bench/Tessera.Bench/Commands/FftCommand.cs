using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tessera.Bench.Peers;
using Tessera.Fft;

namespace Tessera.Bench.Commands;

/// <summary>
/// <c>fft --shape Z,Y,X [--threads N] [--repeat R] [--rounds K]</c>: the median time of one
/// forward real-to-complex plus one inverse complex-to-real 3-D float32 transform, after warm-up,
/// beside FFTW (FFTW_MEASURE, same threads) where gcc and libfftw3-dev are present. Tessera and
/// FFTW alternate for K rounds of R timed pairs each, so that drift on a shared machine hits both
/// sides alike; each round prints both lines and their ratio. The last line is always
/// <c>pair_ms=&lt;median ms over all of Tessera's rounds&gt;</c>.
/// </summary>
internal sealed class FftCommand : IBenchCommand
{
    public string Usage => "--shape Z,Y,X [--threads N] [--repeat 9] [--rounds 1]";

    public int Run(string[] args)
    {
        var options = new BenchArguments(args, "shape", "threads", "repeat", "rounds");
        int[] shape = options.GetShape("shape", [96, 288, 288]);
        int threads = options.GetInt("threads", Environment.ProcessorCount);
        int repeat = options.GetInt("repeat", 9);
        int rounds = options.GetInt("rounds", 1);
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

        // Warm-up: plans, pooled buffers and tiered JIT (a few rounds reach the optimised tier).
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 3 || warm.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            NdFft.ForwardReal(volume, spectrum, shape, fftOptions);
            NdFft.InverseReal(spectrum, back, shape, fftOptions);
        }

        var inv = CultureInfo.InvariantCulture;
        string name = string.Join('x', shape);
        Console.WriteLine($"Tessera FFT r2c + c2r, float32 {name}, {threads} thread(s), median of {repeat} after warm-up, {rounds} round(s) alternating with FFTW");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, Vector256 {Vector256.IsHardwareAccelerated}");
        using var folder = new Data.TempFolder();
        string? fftw = FftwBench.Compile(folder, out string why);
        var allPairs = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var forward = new List<double>();
            var inverse = new List<double>();
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

            var pairs = forward.Zip(inverse, (a, b) => a + b).ToList();
            allPairs.AddRange(pairs);
            double error = RoundTripError(volume, back, count);
            Console.WriteLine(string.Format(inv, "tessera {0} threads={1} r2c_ms={2:F2} c2r_ms={3:F2} pair_ms={4:F2} roundtrip_rel_l2={5:E1}", name, threads, Median(forward), Median(inverse), Median(pairs), error));
            string peer = fftw is null ? why : FftwBench.Run(fftw, shape, threads, repeat);
            Console.WriteLine(peer);
            double? peerPair = PeerPair(peer);
            if (peerPair is double p)
            {
                Console.WriteLine(string.Format(inv, "round {0}: tessera/fftw = {1:F2}", round + 1, Median(pairs) / p));
            }
        }

        Console.WriteLine(string.Format(inv, "pair_ms={0:F2}", Median(allPairs)));
        return 0;
    }

    /// <summary>The pair_ms figure of FFTW's line, if it ran.</summary>
    private static double? PeerPair(string line)
    {
        int at = line.LastIndexOf("pair_ms=", StringComparison.Ordinal);
        return at >= 0 && double.TryParse(line.AsSpan(at + 8), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) ? ms : null;
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
