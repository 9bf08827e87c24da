using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tessera.Fft.Kernels;

namespace Tessera.Fft;

/// <summary>
/// The vector path for a full tile of <see cref="TileRows"/> rows of even length: the rows go
/// into the block and out of it with 4 × 4 complex transposes, and the post- and pre-processing
/// run across the rows (four complex numbers per vector) with one broadcast twiddle per k. Every value
/// goes through the same operations, in the same order, as in the scalar
/// <see cref="PostProcess"/> and <see cref="PreProcess"/>, so either path gives the same bits.
/// </summary>
public sealed partial class RealFftPlan
{
    /// <summary>(1, −1) in every pair: multiplying by it conjugates.</summary>
    private static Vector256<float> ConjugateMask => Vector256.Create(1f, -1, 1, -1, 1, -1, 1, -1);

    /// <summary>Whether a tile of <paramref name="rows"/> rows takes the vector path.</summary>
    private bool UsesTilePath(int rows) => rows == TileRows && Length % 2 == 0 && TileTranspose.IsEnabled;

    private void ForwardTile(ReadOnlySpan<float> input, int inputStride, Span<float> spectrum, int spectrumStride, Span<float> scratch)
    {
        int h = Length / 2;
        Span<float> block = scratch[..(2 * (h + 1) * TileRows)];
        TileTranspose.Gather(input, inputStride, block, h);
        _complex.ExecuteCore(block, TileRows, inverse: false, scratch[block.Length..]);
        PostProcessTile(block, h);
        TileTranspose.Scatter(block, spectrum, spectrumStride, h + 1);
    }

    private void InverseTile(ReadOnlySpan<float> spectrum, int spectrumStride, Span<float> output, int outputStride, Span<float> scratch)
    {
        int h = Length / 2;
        Span<float> block = scratch[..(2 * (h + 1) * TileRows)];
        TileTranspose.Gather(spectrum, spectrumStride, block, h + 1);
        PreProcessTile(block, h);
        _complex.ExecuteCore(block, TileRows, inverse: true, scratch[block.Length..]);
        TileTranspose.Scatter(block, output, outputStride, h);
    }

    /// <summary><see cref="PostProcess"/> for a tile in place: block row k (k &lt; h) holds Z_k and receives X_k; row h receives X_h.</summary>
    private void PostProcessTile(Span<float> block, int h)
    {
        const int Row = 2 * TileRows;
        _ = block[(Row * (h + 1)) - 1];
        for (int t = 0; t < TileRows; t++)
        {
            float z0r = block[2 * t], z0i = block[(2 * t) + 1];
            block[(Row * h) + (2 * t)] = z0r - z0i;
            block[(Row * h) + (2 * t) + 1] = 0;
            block[2 * t] = z0r + z0i;
            block[(2 * t) + 1] = 0;
        }

        ref float b = ref MemoryMarshal.GetReference(block);
        var half = Vector256.Create(0.5f);
        var conj = ConjugateMask;
        for (int k = 1; k <= h / 2; k++)
        {
            var (wr, wi) = ComplexVector.Broadcast(_twiddles[2 * k], _twiddles[(2 * k) + 1]);
            for (int v = 0; v < Row; v += ComplexVector.Floats)
            {
                nuint a = (nuint)((Row * k) + v), m = (nuint)((Row * (h - k)) + v);
                var zk = Vector256.LoadUnsafe(ref b, a);
                var zm = Vector256.LoadUnsafe(ref b, m) * conj;

                // E = (Z_k + conj Z_{h−k})/2, D = (Z_k − conj Z_{h−k})/2, O = (D.im, −D.re).
                var e = half * (zk + zm);
                var o = ComplexVector.SwapPairs(half * (zk - zm)) * conj;
                var t = ComplexVector.Multiply(o, wr, wi);
                (e + t).StoreUnsafe(ref b, a);
                ((e - t) * conj).StoreUnsafe(ref b, m);
            }
        }
    }

    /// <summary><see cref="PreProcess"/> for a tile in place: block row k (k ≤ h) holds X_k; rows k &lt; h receive Z_k.</summary>
    private void PreProcessTile(Span<float> block, int h)
    {
        const int Row = 2 * TileRows;
        _ = block[(Row * (h + 1)) - 1];
        for (int t = 0; t < TileRows; t++)
        {
            float x0 = block[2 * t], xh = block[(Row * h) + (2 * t)];
            block[2 * t] = x0 + xh;
            block[(2 * t) + 1] = x0 - xh;
        }

        ref float b = ref MemoryMarshal.GetReference(block);
        var conj = ConjugateMask;
        var timesI = Vector256.Create(-1f, 1, -1, 1, -1, 1, -1, 1);
        for (int k = 1; k <= h / 2; k++)
        {
            var (wr, wi) = ComplexVector.Broadcast(_twiddles[2 * k], -_twiddles[(2 * k) + 1]);
            for (int v = 0; v < Row; v += ComplexVector.Floats)
            {
                nuint a = (nuint)((Row * k) + v), m = (nuint)((Row * (h - k)) + v);
                var xk = Vector256.LoadUnsafe(ref b, a);
                var xm = Vector256.LoadUnsafe(ref b, m) * conj;

                // S = X_k + conj X_{h−k}, D = X_k − conj X_{h−k}; Z_k = S + i·conj(W^k)·D.
                var s = xk + xm;
                var t = ComplexVector.Multiply(xk - xm, wr, wi);
                var it = ComplexVector.SwapPairs(t) * timesI;
                (s + it).StoreUnsafe(ref b, a);
                ((s - it) * conj).StoreUnsafe(ref b, m);
            }
        }
    }
}
