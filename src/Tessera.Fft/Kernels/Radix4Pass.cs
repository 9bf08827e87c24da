using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Fft.Kernels;

/// <summary>
/// A radix-4 Stockham pass (see <see cref="StockhamStage"/>): half the passes of radix 2 over
/// the data, which is what a memory-bound transform pays for.
/// </summary>
internal static class Radix4Pass
{
    public static void Run(ReadOnlySpan<float> src, Span<float> dst, in StockhamStage stage, in PassLayout layout, ReadOnlySpan<float> twiddles, bool inverse)
    {
        int m = stage.M;
        int block = layout.Length, sb = layout.SrcPitch, db = layout.DstPitch;
        ref float s0 = ref MemoryMarshal.GetReference(src);
        ref float d0 = ref MemoryMarshal.GetReference(dst);
        for (int p = 0; p < m; p++)
        {
            int t = stage.TwiddleOffset + (6 * p);
            float w1r = twiddles[t], w1i = twiddles[t + 1], w2r = twiddles[t + 2], w2i = twiddles[t + 3], w3r = twiddles[t + 4], w3i = twiddles[t + 5];
            int a0 = sb * p, a1 = sb * (p + m), a2 = sb * (p + (2 * m)), a3 = sb * (p + (3 * m));
            int y0 = db * 4 * p, y1 = y0 + db, y2 = y1 + db, y3 = y2 + db;
            int i = 0;
            if (ComplexVector.IsEnabled && block >= ComplexVector.Floats)
            {
                var (v1r, v1i) = ComplexVector.Broadcast(w1r, w1i);
                var (v2r, v2i) = ComplexVector.Broadcast(w2r, w2i);
                var (v3r, v3i) = ComplexVector.Broadcast(w3r, w3i);
                for (; i <= block - ComplexVector.Floats; i += ComplexVector.Floats)
                {
                    var x0 = Vector256.LoadUnsafe(ref s0, (nuint)(a0 + i));
                    var x1 = Vector256.LoadUnsafe(ref s0, (nuint)(a1 + i));
                    var x2 = Vector256.LoadUnsafe(ref s0, (nuint)(a2 + i));
                    var x3 = Vector256.LoadUnsafe(ref s0, (nuint)(a3 + i));
                    var t0 = x0 + x2;
                    var t1 = x0 - x2;
                    var t2 = x1 + x3;
                    var t3 = ComplexVector.RotateQuarter(x1 - x3, inverse);
                    (t0 + t2).StoreUnsafe(ref d0, (nuint)(y0 + i));
                    ComplexVector.Multiply(t1 + t3, v1r, v1i).StoreUnsafe(ref d0, (nuint)(y1 + i));
                    ComplexVector.Multiply(t0 - t2, v2r, v2i).StoreUnsafe(ref d0, (nuint)(y2 + i));
                    ComplexVector.Multiply(t1 - t3, v3r, v3i).StoreUnsafe(ref d0, (nuint)(y3 + i));
                }
            }

            for (; i < block; i += 2)
            {
                float t0r = src[a0 + i] + src[a2 + i], t0i = src[a0 + i + 1] + src[a2 + i + 1];
                float t1r = src[a0 + i] - src[a2 + i], t1i = src[a0 + i + 1] - src[a2 + i + 1];
                float t2r = src[a1 + i] + src[a3 + i], t2i = src[a1 + i + 1] + src[a3 + i + 1];
                float dr = src[a1 + i] - src[a3 + i], di = src[a1 + i + 1] - src[a3 + i + 1];

                // (dr + i·di)·(−i) = di − i·dr; ·(+i) = −di + i·dr. Same as RotateQuarter.
                float t3r = inverse ? di * -1f : di * 1f, t3i = inverse ? dr * 1f : dr * -1f;
                dst[y0 + i] = t0r + t2r;
                dst[y0 + i + 1] = t0i + t2i;
                (dst[y1 + i], dst[y1 + i + 1]) = ComplexVector.Multiply(t1r + t3r, t1i + t3i, w1r, w1i);
                (dst[y2 + i], dst[y2 + i + 1]) = ComplexVector.Multiply(t0r - t2r, t0i - t2i, w2r, w2i);
                (dst[y3 + i], dst[y3 + i + 1]) = ComplexVector.Multiply(t1r - t3r, t1i - t3i, w3r, w3i);
            }
        }
    }
}
