using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Fft.Kernels;

/// <summary>
/// A radix-8 Stockham pass (see <see cref="StockhamStage"/>): one pass where radix 4 needs one
/// and a half, so 96 = 8·4·3 and 256 = 8·8·4 take three passes instead of four. The butterfly is
/// a radix-2 step (x_j ± x_{j+4}), the odd half rotated by ω_8^j, and two radix-4 butterflies.
/// </summary>
/// <remarks>
/// Columns that do not fill a vector (the tail of a row, or every column when
/// <see cref="ComplexVector.IsEnabled"/> is false) go one complex number per vector through the
/// same butterfly, so there is one implementation of the arithmetic.
/// </remarks>
internal static class Radix8Pass
{
    public static void Run(ReadOnlySpan<float> src, Span<float> dst, in StockhamStage stage, in PassLayout layout, ReadOnlySpan<float> twiddles, bool inverse)
    {
        int m = stage.M;
        int block = layout.Length, sb = layout.SrcPitch, db = layout.DstPitch;
        _ = src[(sb * ((8 * m) - 1)) + block - 1];
        _ = dst[(db * ((8 * m) - 1)) + block - 1];
        ref float s0 = ref MemoryMarshal.GetReference(src);
        ref float d0 = ref MemoryMarshal.GetReference(dst);
        Span<Vector256<float>> w = stackalloc Vector256<float>[14];
        for (int p = 0; p < m; p++)
        {
            int t = stage.TwiddleOffset + (14 * p);
            for (int k = 0; k < 7; k++)
            {
                (w[2 * k], w[(2 * k) + 1]) = ComplexVector.Broadcast(twiddles[t + (2 * k)], twiddles[t + (2 * k) + 1]);
            }

            var tw = new Twiddles7(w);
            int i = 0;
            if (ComplexVector.IsEnabled)
            {
                for (; i <= block - ComplexVector.Floats; i += ComplexVector.Floats)
                {
                    Butterfly(ref s0, ref d0, (nuint)((sb * p) + i), (nuint)(sb * m), (nuint)((db * 8 * p) + i), (nuint)db, tw, inverse, full: true);
                }
            }

            for (; i < block; i += 2)
            {
                Butterfly(ref s0, ref d0, (nuint)((sb * p) + i), (nuint)(sb * m), (nuint)((db * 8 * p) + i), (nuint)db, tw, inverse, full: false);
            }
        }
    }

    /// <summary>Inputs at src[a + j·inStride], outputs at dst[y + k·outStride]; a full vector of four columns, or one column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref float s0, ref float d0, nuint a, nuint inStride, nuint y, nuint outStride, in Twiddles7 tw, bool inverse, bool full)
    {
        var x0 = ComplexVector.Load(ref s0, a, full);
        var x1 = ComplexVector.Load(ref s0, a + inStride, full);
        var x2 = ComplexVector.Load(ref s0, a + (2 * inStride), full);
        var x3 = ComplexVector.Load(ref s0, a + (3 * inStride), full);
        var x4 = ComplexVector.Load(ref s0, a + (4 * inStride), full);
        var x5 = ComplexVector.Load(ref s0, a + (5 * inStride), full);
        var x6 = ComplexVector.Load(ref s0, a + (6 * inStride), full);
        var x7 = ComplexVector.Load(ref s0, a + (7 * inStride), full);

        // a_j = x_j + x_{j+4} gives the even outputs; b_j·ω_8^j = (x_j − x_{j+4})·ω_8^j the odd ones.
        var a0 = x0 + x4;
        var a1 = x1 + x5;
        var a2 = x2 + x6;
        var a3 = x3 + x7;
        var b0 = x0 - x4;
        var b1 = x1 - x5;
        var b2 = x2 - x6;
        var b3 = x3 - x7;

        // ω_8 = (1 ∓ i)/√2 is (b + b·(∓i))/√2; ω_8^2 = ∓i; ω_8^3 = (b·(∓i) − b)/√2.
        var c = Vector256.Create(0.70710678118654752f);
        b1 = (b1 + ComplexVector.RotateQuarter(b1, inverse)) * c;
        b2 = ComplexVector.RotateQuarter(b2, inverse);
        b3 = (ComplexVector.RotateQuarter(b3, inverse) - b3) * c;

        var t0 = a0 + a2;
        var t1 = a0 - a2;
        var t2 = a1 + a3;
        var t3 = ComplexVector.RotateQuarter(a1 - a3, inverse);
        var u0 = b0 + b2;
        var u1 = b0 - b2;
        var u2 = b1 + b3;
        var u3 = ComplexVector.RotateQuarter(b1 - b3, inverse);

        ComplexVector.Store(t0 + t2, ref d0, y, full);
        ComplexVector.Store(ComplexVector.Multiply(u0 + u2, tw.R1, tw.I1), ref d0, y + outStride, full);
        ComplexVector.Store(ComplexVector.Multiply(t1 + t3, tw.R2, tw.I2), ref d0, y + (2 * outStride), full);
        ComplexVector.Store(ComplexVector.Multiply(u1 + u3, tw.R3, tw.I3), ref d0, y + (3 * outStride), full);
        ComplexVector.Store(ComplexVector.Multiply(t0 - t2, tw.R4, tw.I4), ref d0, y + (4 * outStride), full);
        ComplexVector.Store(ComplexVector.Multiply(u0 - u2, tw.R5, tw.I5), ref d0, y + (5 * outStride), full);
        ComplexVector.Store(ComplexVector.Multiply(t1 - t3, tw.R6, tw.I6), ref d0, y + (6 * outStride), full);
        ComplexVector.Store(ComplexVector.Multiply(u1 - u3, tw.R7, tw.I7), ref d0, y + (7 * outStride), full);
    }

    /// <summary>The broadcast twiddles ω^{p·k}, k = 1..7, as (re, signed im) pairs for the inner loop.</summary>
    private readonly struct Twiddles7(ReadOnlySpan<Vector256<float>> w)
    {
        public readonly Vector256<float> R1 = w[0], I1 = w[1], R2 = w[2], I2 = w[3], R3 = w[4], I3 = w[5], R4 = w[6], I4 = w[7];
        public readonly Vector256<float> R5 = w[8], I5 = w[9], R6 = w[10], I6 = w[11], R7 = w[12], I7 = w[13];
    }
}
