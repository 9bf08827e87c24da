using System.Buffers;
using Tessera.Fft.Kernels;
using Tessera.Fft.Plans;

namespace Tessera.Fft;

/// <summary>
/// An immutable plan for 1-D complex-to-complex float32 transforms of one length, shared by all
/// threads. Data is interleaved complex (re, im) in a <see cref="Span{T}"/> of floats. Lengths
/// whose prime factors are all ≤ 7 run as mixed-radix (4, 2, 3, 5, 7) Stockham passes; other
/// lengths run Bluestein's chirp-z algorithm over a power-of-two convolution. Twiddles are
/// computed in double and stored as float.
/// </summary>
/// <remarks>
/// Forward is X[k] = Σ x[j]·e^{-2πi·jk/n}; inverse uses e^{+2πi·jk/n} and is unnormalised
/// (forward then inverse multiplies by n), as in FFTW.
/// </remarks>
public sealed partial class ComplexFftPlan
{
    private static readonly PlanCache<ComplexFftPlan> Cache = new(static n => new ComplexFftPlan(n));

    private readonly StockhamStage[] _stages;
    private readonly float[] _forwardTwiddles;
    private readonly float[] _inverseTwiddles;
    private readonly float[][] _trig;
    private readonly BluesteinPlan? _bluestein;

    private ComplexFftPlan(int length)
    {
        Length = length;
        int[]? radices = Factor(length);
        _trig = new float[OddRadixPass.MaxRadix + 1][];
        if (radices is null)
        {
            _stages = [];
            _forwardTwiddles = _inverseTwiddles = [];
            _bluestein = new BluesteinPlan(length);
            return;
        }

        (_stages, _forwardTwiddles, _inverseTwiddles) = BuildStages(length, radices);
        foreach (int r in radices)
        {
            _trig[r] ??= Trig(r);
        }
    }

    /// <summary>The transform length n (complex numbers per line).</summary>
    public int Length { get; }

    /// <summary>Whether this length runs Bluestein's algorithm (a prime factor above 7), several times slower than a nearby fast size.</summary>
    public bool UsesBluestein => _bluestein is not null;

    /// <summary>Returns the cached plan for <paramref name="length"/>, making it on first use; thread-safe, and always the same object for a length.</summary>
    /// <param name="length">The transform length n, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public static ComplexFftPlan Get(int length)
    {
        if (length < 1)
        {
            FftThrow.BadLength(nameof(length), length);
        }

        return Cache.Get(length);
    }

    /// <summary>Transforms one line of n complex numbers in place.</summary>
    /// <param name="data">At least 2n floats, interleaved (re, im); the first 2n are transformed.</param>
    /// <param name="direction">Forward, or unnormalised inverse.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> is shorter than 2n floats.</exception>
    public void Transform(Span<float> data, FftDirection direction) => Transform(data, 1, direction);

    /// <summary>
    /// Transforms the <paramref name="width"/> columns of an n × width row-major matrix of complex
    /// numbers in place: column c is the line (data[j·width + c], j &lt; n). Each pass combines
    /// whole rows with one twiddle, so this is the fast way to transform a strided axis.
    /// </summary>
    /// <param name="data">At least 2·n·width floats, interleaved (re, im).</param>
    /// <param name="width">Complex numbers per row, at least 1.</param>
    /// <param name="direction">Forward, or unnormalised inverse.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short or <paramref name="width"/> is below 1.</exception>
    public void Transform(Span<float> data, int width, FftDirection direction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        FftThrow.IfShorter(data.Length, 2L * Length * width, nameof(data));
        float[] scratch = ArrayPool<float>.Shared.Rent(ScratchFloats(width));
        try
        {
            ExecuteCore(data, width, direction == FftDirection.Inverse, scratch);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Floats of scratch that <see cref="ExecuteCore"/> needs for <paramref name="width"/> columns.</summary>
    internal int ScratchFloats(int width) => _bluestein?.ScratchFloats(width) ?? 2 * Length * width;

    /// <summary>The unchecked transform; <paramref name="scratch"/> holds at least <see cref="ScratchFloats"/> floats.</summary>
    internal void ExecuteCore(Span<float> data, int width, bool inverse, Span<float> scratch)
    {
        if (_bluestein is not null)
        {
            _bluestein.Execute(data, width, inverse, scratch);
            return;
        }

        int floats = 2 * Length * width;
        Span<float> src = data[..floats], dst = scratch[..floats];
        float[] twiddles = inverse ? _inverseTwiddles : _forwardTwiddles;
        foreach (var stage in _stages)
        {
            switch (stage.Radix)
            {
                case 2:
                    Radix2Pass.Run(src, dst, stage, width, twiddles);
                    break;
                case 4:
                    Radix4Pass.Run(src, dst, stage, width, twiddles, inverse);
                    break;
                default:
                    OddRadixPass.Run(src, dst, stage, width, twiddles, _trig[stage.Radix], inverse);
                    break;
            }

            var t = src;
            src = dst;
            dst = t;
        }

        // Stockham passes ping-pong; after an odd number the result sits in the scratch.
        if (_stages.Length % 2 == 1)
        {
            src.CopyTo(data);
        }
    }
}
