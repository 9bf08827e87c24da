using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Imaging.Pointwise;

/// <summary>Runs an <see cref="IComplexOp"/> over interleaved complex spans: AVX body of 4 complex values, scalar tail.</summary>
internal static class ComplexDriver
{
    /// <summary>a[k] = op(a[k], b[k]) for every complex k of <paramref name="a"/> (whose length is even).</summary>
    public static void InPlace<TOp>(Span<float> a, ReadOnlySpan<float> b, TOp op)
        where TOp : struct, IComplexOp
    {
        System.Diagnostics.Debug.Assert(b.Length >= a.Length && a.Length % 2 == 0, "bad complex spans");
        ref float x = ref MemoryMarshal.GetReference(a);
        ref float y = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int i = 0;

        // The vector forms use Avx.Permute/AddSubtract, so they need AVX itself, not just 256-bit vectors.
        if (Avx.IsSupported)
        {
            for (; i <= n - 8; i += 8)
            {
                op.Invoke(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref x, (nuint)i);
            }
        }

        for (; i < n; i += 2)
        {
            op.Invoke(ref Unsafe.Add(ref x, i), ref Unsafe.Add(ref x, i + 1), Unsafe.Add(ref y, i), Unsafe.Add(ref y, i + 1));
        }
    }
}
