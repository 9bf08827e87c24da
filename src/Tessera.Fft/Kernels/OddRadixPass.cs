using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Fft.Kernels;

/// <summary>
/// A Stockham pass of odd radix r (3, 5, 7) using the symmetric pairs (j, r−j): with
/// s_j = x_j + x_{r−j}, d_j = x_j − x_{r−j}, A_k = x_0 + Σ cos(2πjk/r)·s_j and
/// B_k = Σ sin(2πjk/r)·d_j (j = 1..(r−1)/2), the forward outputs are y_k = A_k − i·B_k and
/// y_{r−k} = A_k + i·B_k (signs swapped for the inverse). Real-by-complex products only: about a
/// quarter of the multiplies of the direct r-point DFT.
/// </summary>
internal static class OddRadixPass
{
    /// <summary>The largest radix this pass takes; bounds the stack buffers.</summary>
    public const int MaxRadix = 7;

    /// <summary>
    /// Runs the pass; <paramref name="trig"/> holds cos(2πt/r) at [2t] and sin(2πt/r) at [2t+1]
    /// for t &lt; r, the same for both directions.
    /// </summary>
    public static void Run(ReadOnlySpan<float> src, Span<float> dst, in StockhamStage stage, in PassLayout layout, ReadOnlySpan<float> twiddles, ReadOnlySpan<float> trig, bool inverse)
    {
        int r = stage.Radix, m = stage.M, half = (r - 1) / 2;
        int block = layout.Length, sb = layout.SrcPitch, db = layout.DstPitch;
        ref float s0 = ref MemoryMarshal.GetReference(src);
        ref float d0 = ref MemoryMarshal.GetReference(dst);
        Span<Vector256<float>> sum = stackalloc Vector256<float>[MaxRadix / 2];
        Span<Vector256<float>> diff = stackalloc Vector256<float>[MaxRadix / 2];
        Span<Vector256<float>> cosV = stackalloc Vector256<float>[MaxRadix];
        Span<Vector256<float>> sinV = stackalloc Vector256<float>[MaxRadix];
        Span<Vector256<float>> twRe = stackalloc Vector256<float>[MaxRadix];
        Span<Vector256<float>> twIm = stackalloc Vector256<float>[MaxRadix];
        Span<float> ss = stackalloc float[MaxRadix + 1];
        Span<float> ds = stackalloc float[MaxRadix + 1];
        for (int t = 0; t < r; t++)
        {
            cosV[t] = Vector256.Create(trig[2 * t]);
            sinV[t] = Vector256.Create(trig[(2 * t) + 1]);
        }

        for (int p = 0; p < m; p++)
        {
            int tw = stage.TwiddleOffset + (2 * (r - 1) * p);
            for (int k = 1; k < r; k++)
            {
                (twRe[k], twIm[k]) = ComplexVector.Broadcast(twiddles[tw + (2 * (k - 1))], twiddles[tw + (2 * (k - 1)) + 1]);
            }

            int i = 0;
            if (ComplexVector.IsEnabled && block >= ComplexVector.Floats)
            {
                for (; i <= block - ComplexVector.Floats; i += ComplexVector.Floats)
                {
                    var x0 = Vector256.LoadUnsafe(ref s0, (nuint)((sb * p) + i));
                    var y0 = x0;
                    for (int j = 1; j <= half; j++)
                    {
                        var a = Vector256.LoadUnsafe(ref s0, (nuint)((sb * (p + (j * m))) + i));
                        var b = Vector256.LoadUnsafe(ref s0, (nuint)((sb * (p + ((r - j) * m))) + i));
                        sum[j - 1] = a + b;
                        diff[j - 1] = a - b;
                        y0 += sum[j - 1];
                    }

                    y0.StoreUnsafe(ref d0, (nuint)((db * r * p) + i));
                    for (int k = 1; k <= half; k++)
                    {
                        var accA = x0;
                        var accB = Vector256<float>.Zero;
                        for (int j = 1; j <= half; j++)
                        {
                            int t = j * k % r;
                            accA += cosV[t] * sum[j - 1];
                            accB += sinV[t] * diff[j - 1];
                        }

                        var rot = ComplexVector.RotateQuarter(accB, inverse);
                        ComplexVector.Multiply(accA + rot, twRe[k], twIm[k]).StoreUnsafe(ref d0, (nuint)((db * ((r * p) + k)) + i));
                        ComplexVector.Multiply(accA - rot, twRe[r - k], twIm[r - k]).StoreUnsafe(ref d0, (nuint)((db * ((r * p) + r - k)) + i));
                    }
                }
            }

            for (; i < block; i += 2)
            {
                float x0r = src[(sb * p) + i], x0i = src[(sb * p) + i + 1];
                float y0r = x0r, y0i = x0i;
                for (int j = 1; j <= half; j++)
                {
                    int a = (sb * (p + (j * m))) + i, b = (sb * (p + ((r - j) * m))) + i;
                    ss[2 * j] = src[a] + src[b];
                    ss[(2 * j) + 1] = src[a + 1] + src[b + 1];
                    ds[2 * j] = src[a] - src[b];
                    ds[(2 * j) + 1] = src[a + 1] - src[b + 1];
                    y0r += ss[2 * j];
                    y0i += ss[(2 * j) + 1];
                }

                dst[(db * r * p) + i] = y0r;
                dst[(db * r * p) + i + 1] = y0i;
                for (int k = 1; k <= half; k++)
                {
                    float ar = x0r, ai = x0i, br = 0, bi = 0;
                    for (int j = 1; j <= half; j++)
                    {
                        int t = j * k % r;
                        ar += trig[2 * t] * ss[2 * j];
                        ai += trig[2 * t] * ss[(2 * j) + 1];
                        br += trig[(2 * t) + 1] * ds[2 * j];
                        bi += trig[(2 * t) + 1] * ds[(2 * j) + 1];
                    }

                    // Same as RotateQuarter: ·(−i) maps (br, bi) → (bi, −br); ·(+i) → (−bi, br).
                    float rr = inverse ? bi * -1f : bi * 1f, ri = inverse ? br * 1f : br * -1f;
                    int o = (db * ((r * p) + k)) + i, q = (db * ((r * p) + r - k)) + i;
                    (dst[o], dst[o + 1]) = ComplexVector.Multiply(ar + rr, ai + ri, twiddles[tw + (2 * (k - 1))], twiddles[tw + (2 * (k - 1)) + 1]);
                    (dst[q], dst[q + 1]) = ComplexVector.Multiply(ar - rr, ai - ri, twiddles[tw + (2 * (r - k - 1))], twiddles[tw + (2 * (r - k - 1)) + 1]);
                }
            }
        }
    }
}
