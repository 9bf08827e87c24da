using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Fft.Kernels;

/// <summary>
/// A radix-3 Stockham pass (see <see cref="StockhamStage"/>), written out rather than going
/// through the general <see cref="OddRadixPass"/>, whose per-radix loops over stack arrays keep
/// values in memory: 288 = 8·4·3·3 spends two of its four passes here.
/// </summary>
/// <remarks>
/// With s = x1 + x2 and d = x1 − x2: y0 = x0 + s, y1,2 = (x0 − s/2) ± (∓i)·sin(2π/3)·d.
/// Columns that do not fill a vector go one complex number per vector through the same code.
/// </remarks>
internal static class Radix3Pass
{
    public static void Run(ReadOnlySpan<float> src, Span<float> dst, in StockhamStage stage, in PassLayout layout, ReadOnlySpan<float> twiddles, bool inverse)
    {
        int m = stage.M;
        int block = layout.Length, sb = layout.SrcPitch, db = layout.DstPitch;
        _ = src[(sb * ((3 * m) - 1)) + block - 1];
        _ = dst[(db * ((3 * m) - 1)) + block - 1];
        ref float s0 = ref MemoryMarshal.GetReference(src);
        ref float d0 = ref MemoryMarshal.GetReference(dst);
        for (int p = 0; p < m; p++)
        {
            int t = stage.TwiddleOffset + (4 * p);
            var (w1r, w1i) = ComplexVector.Broadcast(twiddles[t], twiddles[t + 1]);
            var (w2r, w2i) = ComplexVector.Broadcast(twiddles[t + 2], twiddles[t + 3]);
            nuint a = (nuint)(sb * p), stride = (nuint)(sb * m), y = (nuint)(db * 3 * p);
            int i = 0;
            if (ComplexVector.IsEnabled)
            {
                for (; i <= block - ComplexVector.Floats; i += ComplexVector.Floats)
                {
                    Butterfly(ref s0, ref d0, a + (nuint)i, stride, y + (nuint)i, (nuint)db, w1r, w1i, w2r, w2i, inverse, full: true);
                }
            }

            for (; i < block; i += 2)
            {
                Butterfly(ref s0, ref d0, a + (nuint)i, stride, y + (nuint)i, (nuint)db, w1r, w1i, w2r, w2i, inverse, full: false);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(
        ref float s0,
        ref float d0,
        nuint a,
        nuint inStride,
        nuint y,
        nuint outStride,
        Vector256<float> w1r,
        Vector256<float> w1i,
        Vector256<float> w2r,
        Vector256<float> w2i,
        bool inverse,
        bool full)
    {
        var x0 = ComplexVector.Load(ref s0, a, full);
        var x1 = ComplexVector.Load(ref s0, a + inStride, full);
        var x2 = ComplexVector.Load(ref s0, a + (2 * inStride), full);
        var s = x1 + x2;
        var d = x1 - x2;
        var centre = x0 - (Vector256.Create(0.5f) * s);
        var rot = ComplexVector.RotateQuarter(Vector256.Create(0.86602540378443865f) * d, inverse);
        ComplexVector.Store(x0 + s, ref d0, y, full);
        ComplexVector.Store(ComplexVector.Multiply(centre + rot, w1r, w1i), ref d0, y + outStride, full);
        ComplexVector.Store(ComplexVector.Multiply(centre - rot, w2r, w2i), ref d0, y + (2 * outStride), full);
    }
}
