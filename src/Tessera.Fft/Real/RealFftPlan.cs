using System.Buffers;
using Tessera.Fft.Plans;

namespace Tessera.Fft;

/// <summary>
/// An immutable plan for 1-D real-to-complex forward and complex-to-real inverse float32
/// transforms of one length n, shared by all threads. The spectrum is the n/2 + 1 complex values
/// X[0..n/2] (interleaved re, im); the rest follow from X[n−k] = conj(X[k]). Even n runs a
/// complex transform of length n/2 on the packed pairs (x[2j], x[2j+1]) plus one twiddle pass;
/// odd n goes through the complex transform of length n.
/// </summary>
/// <remarks>
/// The inverse is unnormalised (forward then inverse multiplies by n) and ignores the imaginary
/// parts of X[0] and, for even n, X[n/2], as FFTW does.
/// </remarks>
public sealed partial class RealFftPlan
{
    private static readonly PlanCache<RealFftPlan> Cache = new(static n => new RealFftPlan(n));

    private readonly ComplexFftPlan _complex;

    /// <summary>e^{-2πi·k/n} for k ≤ n/4 + 1 (even n only), the post-processing twiddles.</summary>
    private readonly float[] _twiddles;

    private RealFftPlan(int length)
    {
        Length = length;
        if (length % 2 == 0)
        {
            _complex = ComplexFftPlan.Get(length / 2);
            int count = (length / 4) + 2;
            _twiddles = new float[2 * count];
            for (int k = 0; k < count; k++)
            {
                (_twiddles[2 * k], _twiddles[(2 * k) + 1]) = Twiddles.Root(k, length, inverse: false);
            }
        }
        else
        {
            _complex = ComplexFftPlan.Get(length);
            _twiddles = [];
        }
    }

    /// <summary>The real length n.</summary>
    public int Length { get; }

    /// <summary>Complex values in the spectrum: n/2 + 1.</summary>
    public int SpectrumLength => (Length / 2) + 1;

    /// <summary>Returns the cached plan for <paramref name="length"/>, making it on first use; thread-safe, and always the same object for a length.</summary>
    /// <param name="length">The real transform length n, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public static RealFftPlan Get(int length)
    {
        if (length < 1)
        {
            FftThrow.BadLength(nameof(length), length);
        }

        return Cache.Get(length);
    }

    /// <summary>X[k] = Σ x[j]·e^{-2πi·jk/n} for k ≤ n/2.</summary>
    /// <param name="input">At least n real samples; the first n are read.</param>
    /// <param name="spectrum">At least 2·(n/2 + 1) floats; receives the interleaved half spectrum.</param>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> spectrum)
    {
        FftThrow.IfShorter(input.Length, Length, nameof(input));
        FftThrow.IfShorter(spectrum.Length, 2 * SpectrumLength, nameof(spectrum));
        float[] scratch = ArrayPool<float>.Shared.Rent(ScratchFloats);
        try
        {
            ForwardRows(input, Length, spectrum, 2 * SpectrumLength, 1, scratch);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>x[j] = Σ_{k&lt;n} X[k]·e^{+2πi·jk/n}, unnormalised, with X[n−k] = conj(X[k]).</summary>
    /// <param name="spectrum">At least 2·(n/2 + 1) floats, the interleaved half spectrum; not modified.</param>
    /// <param name="output">At least n floats; receives n·x.</param>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public void Inverse(ReadOnlySpan<float> spectrum, Span<float> output)
    {
        FftThrow.IfShorter(spectrum.Length, 2 * SpectrumLength, nameof(spectrum));
        FftThrow.IfShorter(output.Length, Length, nameof(output));
        float[] scratch = ArrayPool<float>.Shared.Rent(ScratchFloats);
        try
        {
            InverseRows(spectrum, 2 * SpectrumLength, output, Length, 1, scratch);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Floats of scratch for one row.</summary>
    internal int ScratchFloats => TileScratchFloats(1);
}
