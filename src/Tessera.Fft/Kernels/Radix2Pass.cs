using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Fft.Kernels;

/// <summary>A radix-2 Stockham pass (see <see cref="StockhamStage"/>).</summary>
internal static class Radix2Pass
{
    public static void Run(ReadOnlySpan<float> src, Span<float> dst, in StockhamStage stage, in PassLayout layout, ReadOnlySpan<float> twiddles)
    {
        int m = stage.M;
        int block = layout.Length, sb = layout.SrcPitch, db = layout.DstPitch;
        ref float s0 = ref MemoryMarshal.GetReference(src);
        ref float d0 = ref MemoryMarshal.GetReference(dst);
        for (int p = 0; p < m; p++)
        {
            float wr = twiddles[stage.TwiddleOffset + (2 * p)], wi = twiddles[stage.TwiddleOffset + (2 * p) + 1];
            nuint a = (nuint)(sb * p), b = (nuint)(sb * (p + m));
            nuint y0 = (nuint)(db * 2 * p), y1 = y0 + (nuint)db;
            int i = 0;
            if (ComplexVector.IsEnabled && block >= ComplexVector.Floats)
            {
                var (vwr, vwi) = ComplexVector.Broadcast(wr, wi);
                for (; i <= block - ComplexVector.Floats; i += ComplexVector.Floats)
                {
                    var x0 = Vector256.LoadUnsafe(ref s0, a + (nuint)i);
                    var x1 = Vector256.LoadUnsafe(ref s0, b + (nuint)i);
                    (x0 + x1).StoreUnsafe(ref d0, y0 + (nuint)i);
                    ComplexVector.Multiply(x0 - x1, vwr, vwi).StoreUnsafe(ref d0, y1 + (nuint)i);
                }
            }

            for (; i < block; i += 2)
            {
                float ar = src[(int)a + i], ai = src[(int)a + i + 1], br = src[(int)b + i], bi = src[(int)b + i + 1];
                dst[(int)y0 + i] = ar + br;
                dst[(int)y0 + i + 1] = ai + bi;
                var (re, im) = ComplexVector.Multiply(ar - br, ai - bi, wr, wi);
                dst[(int)y1 + i] = re;
                dst[(int)y1 + i + 1] = im;
            }
        }
    }
}
