using System.Numerics;

namespace Tessera.Fft.Plans;

/// <summary>
/// Bluestein's chirp-z algorithm for lengths with a prime factor above 7: with
/// c_t = e^{∓πi·t²/n}, X_k = c_k · Σ_j (x_j·c_j)·conj(c_{k−j}), a convolution done by a
/// power-of-two FFT of length m ≥ 2n − 1. The transform of the chirp (with the 1/m of the inverse
/// folded in) is computed once in double.
/// </summary>
internal sealed class BluesteinPlan
{
    private readonly int _n;
    private readonly int _m;
    private readonly ComplexFftPlan _sub;
    private readonly float[] _forwardChirp;
    private readonly float[] _inverseChirp;
    private readonly float[] _forwardKernel;
    private readonly float[] _inverseKernel;

    public BluesteinPlan(int n)
    {
        _n = n;
        _m = (int)BitOperations.RoundUpToPowerOf2((uint)((2 * n) - 1));
        _sub = ComplexFftPlan.Get(_m);
        (_forwardChirp, _forwardKernel) = Build(n, _m, inverse: false);
        (_inverseChirp, _inverseKernel) = Build(n, _m, inverse: true);
    }

    /// <summary>The convolution buffer (m × width) plus the sub-plan's scratch.</summary>
    public int ScratchFloats(int width) => (2 * _m * width) + _sub.ScratchFloats(width);

    public void Execute(Span<float> data, int width, bool inverse, Span<float> scratch)
    {
        float[] chirp = inverse ? _inverseChirp : _forwardChirp;
        float[] kernel = inverse ? _inverseKernel : _forwardKernel;
        int rowFloats = 2 * width;
        Span<float> a = scratch[..(2 * _m * width)];
        Span<float> subScratch = scratch[(2 * _m * width)..];
        for (int k = 0; k < _n; k++)
        {
            MultiplyRow(data.Slice(k * rowFloats, rowFloats), a.Slice(k * rowFloats, rowFloats), chirp[2 * k], chirp[(2 * k) + 1]);
        }

        a[(_n * rowFloats)..].Clear();
        _sub.ExecuteCore(a, width, inverse: false, subScratch);
        for (int k = 0; k < _m; k++)
        {
            var row = a.Slice(k * rowFloats, rowFloats);
            MultiplyRow(row, row, kernel[2 * k], kernel[(2 * k) + 1]);
        }

        _sub.ExecuteCore(a, width, inverse: true, subScratch);
        for (int k = 0; k < _n; k++)
        {
            MultiplyRow(a.Slice(k * rowFloats, rowFloats), data.Slice(k * rowFloats, rowFloats), chirp[2 * k], chirp[(2 * k) + 1]);
        }
    }

    private static void MultiplyRow(ReadOnlySpan<float> src, Span<float> dst, float wr, float wi)
    {
        for (int i = 0; i < src.Length; i += 2)
        {
            (dst[i], dst[i + 1]) = Kernels.ComplexVector.Multiply(src[i], src[i + 1], wr, wi);
        }
    }

    private static (float[] Chirp, float[] Kernel) Build(int n, int m, bool inverse)
    {
        var chirp = new float[2 * n];
        var re = new double[m];
        var im = new double[m];
        for (int t = 0; t < n; t++)
        {
            // t² mod 2n keeps the angle exact for large t.
            var (cr, ci) = Twiddles.RootDouble((long)t * t % (2L * n), 2L * n, inverse);
            chirp[2 * t] = (float)cr;
            chirp[(2 * t) + 1] = (float)ci;
            re[t] = cr;
            im[t] = -ci;
            if (t > 0)
            {
                re[m - t] = cr;
                im[m - t] = -ci;
            }
        }

        DoubleFft.Forward(re, im);
        var kernel = new float[2 * m];
        for (int k = 0; k < m; k++)
        {
            kernel[2 * k] = (float)(re[k] / m);
            kernel[(2 * k) + 1] = (float)(im[k] / m);
        }

        return (chirp, kernel);
    }
}
