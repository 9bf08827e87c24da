using System.Buffers;
using Tessera.Fft.Kernels;
using Tessera.Fft.Plans;

namespace Tessera.Fft;

/// <summary>
/// An immutable plan for 1-D complex-to-complex float32 transforms of one length, shared by all
/// threads. Data is interleaved complex (re, im) in a <see cref="Span{T}"/> of floats. Lengths
/// whose prime factors are all ≤ 7 run as mixed-radix (8, 4, 2, 3, 5, 7) Stockham passes; other
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
            // Only the general odd pass (5, 7) reads the trig table; 2, 3, 4 and 8 are written out.
            if (r is 5 or 7)
            {
                _trig[r] ??= Trig(r);
            }
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
        var result = ExecuteAnywhere(data, width, inverse, scratch);
        if (!result.Overlaps(data))
        {
            result.CopyTo(data);
        }
    }

    /// <summary>
    /// The unchecked transform, leaving the result wherever the last Stockham pass wrote it: the
    /// start of <paramref name="data"/> or of <paramref name="scratch"/>. Callers that copy the
    /// result out anyway (the strip passes) read it from there and skip one copy of the block.
    /// </summary>
    internal Span<float> ExecuteAnywhere(Span<float> data, int width, bool inverse, Span<float> scratch)
    {
        int floats = 2 * Length * width;
        if (_bluestein is not null)
        {
            _bluestein.Execute(data, width, inverse, scratch);
            return data[..floats];
        }

        Span<float> src = data[..floats], dst = scratch[..floats];
        float[] twiddles = inverse ? _inverseTwiddles : _forwardTwiddles;
        foreach (var stage in _stages)
        {
            RunStage(src, dst, stage, PassLayout.Packed(stage, width), twiddles, inverse);

            // Stockham passes ping-pong between the two buffers.
            var t = src;
            src = dst;
            dst = t;
        }

        return src;
    }

    /// <summary>Whether <see cref="ExecuteStrip"/> applies: at least two Stockham passes (the first reads the strip, the last writes it).</summary>
    internal bool CanExecuteStrip => _bluestein is null && _stages.Length >= 2;

    /// <summary>
    /// Transforms the <paramref name="width"/> columns of a strip in place where row j starts at
    /// j·<paramref name="pitch"/> in <paramref name="lines"/>: the first pass reads the strip and
    /// the last writes it back directly, the passes between ping-pong in
    /// <paramref name="scratch"/> (2·2n·width floats). Same arithmetic, same bits, as gathering the
    /// strip into a packed block and running <see cref="ExecuteCore"/>, without the two copies.
    /// </summary>
    internal void ExecuteStrip(Span<float> lines, int pitch, int width, bool inverse, Span<float> scratch)
    {
        int floats = 2 * Length * width;
        Span<float> src = scratch[..floats], dst = scratch.Slice(floats, floats);
        float[] twiddles = inverse ? _inverseTwiddles : _forwardTwiddles;
        var first = _stages[0];
        RunStage(lines, src, first, new PassLayout(2 * width, pitch, 2 * width), twiddles, inverse);
        for (int i = 1; i < _stages.Length - 1; i++)
        {
            RunStage(src, dst, _stages[i], PassLayout.Packed(_stages[i], width), twiddles, inverse);
            var t = src;
            src = dst;
            dst = t;
        }

        // The last pass (m = 1) writes output rows q + s·k; it goes q by q so that each output
        // chunk is one row of the strip at its pitch.
        var last = _stages[^1];
        int s = last.Stride;
        var layout = new PassLayout(2 * width, 2 * s * width, pitch * s);
        for (int q = 0; q < s; q++)
        {
            RunStage(src[(2 * width * q)..], lines[(pitch * q)..], last, layout, twiddles, inverse);
        }
    }

    private void RunStage(ReadOnlySpan<float> src, Span<float> dst, in StockhamStage stage, in PassLayout layout, float[] twiddles, bool inverse)
    {
        switch (stage.Radix)
        {
            case 2:
                Radix2Pass.Run(src, dst, stage, layout, twiddles);
                break;
            case 3:
                Radix3Pass.Run(src, dst, stage, layout, twiddles, inverse);
                break;
            case 4:
                Radix4Pass.Run(src, dst, stage, layout, twiddles, inverse);
                break;
            case 8:
                Radix8Pass.Run(src, dst, stage, layout, twiddles, inverse);
                break;
            default:
                OddRadixPass.Run(src, dst, stage, layout, twiddles, _trig[stage.Radix], inverse);
                break;
        }
    }
}
