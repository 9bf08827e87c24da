using Tessera.Fft.NDim;

namespace Tessera.Fft;

/// <summary>
/// N-D float32 FFTs over dense row-major buffers (last axis contiguous), any rank ≥ 1 and any
/// sizes. Real transforms map a real array of shape (…, n) to the interleaved complex half
/// spectrum of shape (…, n/2 + 1) and back. Inverses are unnormalised: forward then inverse
/// multiplies by the product of the shape. Work is split over whole lines and fixed column
/// strips, so results are bit-identical for any <see cref="FftOptions.Threads"/>.
/// </summary>
public static unsafe class NdFft
{
    /// <summary>Complex values in the half spectrum of a real array of <paramref name="shape"/>: the product with the last axis replaced by n/2 + 1.</summary>
    /// <param name="shape">The real array's shape; every length at least 1.</param>
    /// <exception cref="ArgumentException">The shape is empty, has a length below 1, or is too large for one buffer.</exception>
    public static int SpectrumLength(ReadOnlySpan<int> shape)
    {
        FftShape.Validate(shape, nameof(shape));
        return checked((int)(FftShape.Product(shape[..^1]) * ((shape[^1] / 2) + 1)));
    }

    /// <summary>Real-to-complex forward transform: the real axis is the last one, the others are complex transforms of the half spectrum.</summary>
    /// <param name="input">The real array: at least the product of <paramref name="shape"/> floats; not modified.</param>
    /// <param name="spectrum">At least 2·<see cref="SpectrumLength"/> floats; receives the interleaved half spectrum.</param>
    /// <param name="shape">The real array's shape; every length at least 1.</param>
    /// <param name="options">Threads to use; null for <see cref="FftOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The shape is invalid, a span is too short, or Threads is below 1.</exception>
    public static void ForwardReal(ReadOnlySpan<float> input, Span<float> spectrum, ReadOnlySpan<int> shape, FftOptions? options = null)
    {
        int threads = FftShape.Threads(options);
        int n = shape.Length == 0 ? 0 : shape[^1];
        long spectrumFloats = 2L * SpectrumLength(shape);
        FftThrow.IfShorter(input.Length, FftShape.Product(shape), nameof(input));
        FftThrow.IfShorter(spectrum.Length, spectrumFloats, nameof(spectrum));
        int rows = (int)FftShape.Product(shape[..^1]);
        fixed (float* real = input)
        fixed (float* complex = spectrum)
        {
            AxisPasses.RealRows(real, complex, rows, n, inverse: false, threads);
            ComplexAxes(complex, shape[..^1], (n / 2) + 1, inverse: false, threads, includeLast: false);
        }
    }

    /// <summary>Complex-to-real inverse transform, unnormalised (the result is the product of <paramref name="shape"/> times the signal).</summary>
    /// <param name="spectrum">The interleaved half spectrum, at least 2·<see cref="SpectrumLength"/> floats; used as workspace and overwritten.</param>
    /// <param name="output">At least the product of <paramref name="shape"/> floats; receives the real array.</param>
    /// <param name="shape">The real array's shape; every length at least 1.</param>
    /// <param name="options">Threads to use; null for <see cref="FftOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The shape is invalid, a span is too short, or Threads is below 1.</exception>
    public static void InverseReal(Span<float> spectrum, Span<float> output, ReadOnlySpan<int> shape, FftOptions? options = null)
    {
        int threads = FftShape.Threads(options);
        int n = shape.Length == 0 ? 0 : shape[^1];
        long spectrumFloats = 2L * SpectrumLength(shape);
        FftThrow.IfShorter(spectrum.Length, spectrumFloats, nameof(spectrum));
        FftThrow.IfShorter(output.Length, FftShape.Product(shape), nameof(output));
        int rows = (int)FftShape.Product(shape[..^1]);
        fixed (float* complex = spectrum)
        fixed (float* real = output)
        {
            ComplexAxes(complex, shape[..^1], (n / 2) + 1, inverse: true, threads, includeLast: false);
            AxisPasses.RealRows(real, complex, rows, n, inverse: true, threads);
        }
    }

    /// <summary>Complex-to-complex transform of an interleaved complex array of <paramref name="shape"/>, in place, along every axis.</summary>
    /// <param name="data">At least 2·product(<paramref name="shape"/>) floats, interleaved (re, im).</param>
    /// <param name="shape">The complex array's shape; every length at least 1.</param>
    /// <param name="direction">Forward, or unnormalised inverse.</param>
    /// <param name="options">Threads to use; null for <see cref="FftOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The shape is invalid, the span is too short, or Threads is below 1.</exception>
    public static void Transform(Span<float> data, ReadOnlySpan<int> shape, FftDirection direction, FftOptions? options = null)
    {
        int threads = FftShape.Threads(options);
        FftShape.Validate(shape, nameof(shape));
        FftThrow.IfShorter(data.Length, 2 * FftShape.Product(shape), nameof(data));
        fixed (float* complex = data)
        {
            ComplexAxes(complex, shape[..^1], shape[^1], direction == FftDirection.Inverse, threads, includeLast: true);
        }
    }

    /// <summary>
    /// Complex transforms along the axes of a complex array of shape (<paramref name="leading"/>…,
    /// <paramref name="last"/>): the leading ones, and the last one too when
    /// <paramref name="includeLast"/> (a real transform has already done it).
    /// </summary>
    private static void ComplexAxes(float* data, ReadOnlySpan<int> leading, int last, bool inverse, int threads, bool includeLast)
    {
        long total = FftShape.Product(leading) * last;
        long inner = 1;
        for (int axis = leading.Length; axis >= 0; axis--)
        {
            int n = axis == leading.Length ? last : leading[axis];
            if (n > 1 && (includeLast || axis < leading.Length))
            {
                AxisPasses.ComplexAxis(data, (int)(total / (n * inner)), n, (int)inner, inverse, threads);
            }

            inner *= n;
        }
    }
}
