using BenchmarkDotNet.Attributes;
using Tessera.Fft;

namespace Tessera.Bench.Fft;

/// <summary>
/// One-thread kernels of the 3-D real transform: the r2c + c2r pair of a volume, and one slab of
/// its middle axis (a batch of columns transformed with whole-row butterflies). The end-to-end
/// comparison with FFTW is the <c>fft</c> command.
/// </summary>
[MemoryDiagnoser]
public class NdFftBenchmarks
{
    private static readonly FftOptions OneThread = new() { Threads = 1 };
    private float[] _volume = [];
    private float[] _spectrum = [];
    private float[] _back = [];
    private float[] _columns = [];

    /// <summary>The volume shape as Z,Y,X: a small cube and W1's padded shape.</summary>
    [Params("32,96,96", "96,288,288")]
    public string Shape { get; set; } = "32,96,96";

    private int[] Dims => [.. Shape.Split(',').Select(int.Parse)];

    [GlobalSetup]
    public void Setup()
    {
        int[] shape = Dims;
        int count = shape[0] * shape[1] * shape[2];
        var random = new Random(1);
        _volume = [.. Enumerable.Range(0, count).Select(_ => random.NextSingle())];
        _spectrum = new float[2 * NdFft.SpectrumLength(shape)];
        _back = new float[count];
        _columns = [.. Enumerable.Range(0, 2 * shape[1] * ((shape[2] / 2) + 1)).Select(_ => random.NextSingle())];
    }

    [Benchmark(Description = "r2c + c2r")]
    public void Pair()
    {
        NdFft.ForwardReal(_volume, _spectrum, Dims, OneThread);
        NdFft.InverseReal(_spectrum, _back, Dims, OneThread);
    }

    [Benchmark(Description = "one Y slab (columns)")]
    public void Columns() =>
        ComplexFftPlan.Get(Dims[1]).Transform(_columns, (Dims[2] / 2) + 1, FftDirection.Forward);
}
