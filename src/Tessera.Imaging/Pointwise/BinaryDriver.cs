using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Imaging.Pointwise;

/// <summary>Runs an <see cref="IBinaryOp"/> over spans: SIMD body, scalar tail.</summary>
internal static class BinaryDriver
{
    /// <summary>acc[i] = op(acc[i], other[i]) for every i of <paramref name="acc"/>.</summary>
    public static void InPlace<TOp>(Span<float> acc, ReadOnlySpan<float> other, TOp op)
        where TOp : struct, IBinaryOp
    {
        System.Diagnostics.Debug.Assert(other.Length >= acc.Length, "other is shorter than acc");
        ref float a = ref MemoryMarshal.GetReference(acc);
        ref float b = ref MemoryMarshal.GetReference(other);
        int n = acc.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Two independent vectors per step hide the divide's latency in RatioOp.
            for (; i <= n - 16; i += 16)
            {
                var x0 = Vector256.LoadUnsafe(ref a, (nuint)i);
                var x1 = Vector256.LoadUnsafe(ref a, (nuint)(i + 8));
                var y0 = Vector256.LoadUnsafe(ref b, (nuint)i);
                var y1 = Vector256.LoadUnsafe(ref b, (nuint)(i + 8));
                op.Invoke(x0, y0).StoreUnsafe(ref a, (nuint)i);
                op.Invoke(x1, y1).StoreUnsafe(ref a, (nuint)(i + 8));
            }

            for (; i <= n - 8; i += 8)
            {
                op.Invoke(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref a, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref a, i) = op.Invoke(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i));
        }
    }
}
