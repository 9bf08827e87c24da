using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Fft.Kernels;

/// <summary>
/// Moves a tile of <see cref="Rows"/> rows of complex numbers between row-major storage (row t
/// at t·stride) and a block where complex j of row t sits at block[j·Rows + t]. A complex number
/// is 64 bits, so four of them are one <see cref="Vector256{T}"/> of doubles and a 4 × 4 complex
/// transpose is the classic 4 × 4 double transpose (two unpacks and two lane permutes per pair).
/// Pure data movement: the bits are the same whichever path runs.
/// </summary>
internal static class TileTranspose
{
    /// <summary>Rows per tile, a multiple of 4: the rows go in groups of four through 4 × 4 transposes.</summary>
    public const int Rows = RealFftPlan.TileRows;

    /// <summary>Whether the AVX path runs; otherwise a scalar loop does the same moves.</summary>
    public static bool IsEnabled => Avx.IsSupported && ComplexVector.IsEnabled;

    /// <summary>Block row j (j &lt; count) gets complex j of each of the <see cref="Rows"/> rows of <paramref name="rows"/>.</summary>
    public static void Gather(ReadOnlySpan<float> rows, int stride, Span<float> block, int count)
    {
        // The last row must hold count complex numbers; checked once so the loop may skip it.
        _ = rows[((Rows - 1) * stride) + (2 * count) - 1];
        _ = block[(2 * Rows * count) - 1];
        ref float src = ref MemoryMarshal.GetReference(rows);
        ref float dst = ref MemoryMarshal.GetReference(block);
        int j = 0;
        if (IsEnabled)
        {
            for (; j <= count - 4; j += 4)
            {
                // Rows 0–3, 4–7, …: each group gives block rows j..j+3, lanes 4·group..4·group+3.
                for (int group = 0; group < Rows / 4; group++)
                {
                    nuint r0 = (nuint)((4 * group * stride) + (2 * j));
                    Transpose4(
                        Vector256.LoadUnsafe(ref src, r0).AsDouble(),
                        Vector256.LoadUnsafe(ref src, r0 + (nuint)stride).AsDouble(),
                        Vector256.LoadUnsafe(ref src, r0 + (nuint)(2 * stride)).AsDouble(),
                        Vector256.LoadUnsafe(ref src, r0 + (nuint)(3 * stride)).AsDouble(),
                        out var c0,
                        out var c1,
                        out var c2,
                        out var c3);
                    nuint o = (nuint)((2 * Rows * j) + (8 * group));
                    c0.AsSingle().StoreUnsafe(ref dst, o);
                    c1.AsSingle().StoreUnsafe(ref dst, o + (2 * Rows));
                    c2.AsSingle().StoreUnsafe(ref dst, o + (4 * Rows));
                    c3.AsSingle().StoreUnsafe(ref dst, o + (6 * Rows));
                }
            }
        }

        for (; j < count; j++)
        {
            for (int t = 0; t < Rows; t++)
            {
                block[2 * ((j * Rows) + t)] = rows[(t * stride) + (2 * j)];
                block[(2 * ((j * Rows) + t)) + 1] = rows[(t * stride) + (2 * j) + 1];
            }
        }
    }

    /// <summary>The inverse of <see cref="Gather"/>: complex j of row t gets block row j, lane t, for j &lt; count.</summary>
    public static void Scatter(ReadOnlySpan<float> block, Span<float> rows, int stride, int count)
    {
        _ = rows[((Rows - 1) * stride) + (2 * count) - 1];
        _ = block[(2 * Rows * count) - 1];
        ref float src = ref MemoryMarshal.GetReference(block);
        ref float dst = ref MemoryMarshal.GetReference(rows);
        int j = 0;
        if (IsEnabled)
        {
            for (; j <= count - 4; j += 4)
            {
                for (int group = 0; group < Rows / 4; group++)
                {
                    nuint o = (nuint)((2 * Rows * j) + (8 * group));
                    Transpose4(
                        Vector256.LoadUnsafe(ref src, o).AsDouble(),
                        Vector256.LoadUnsafe(ref src, o + (2 * Rows)).AsDouble(),
                        Vector256.LoadUnsafe(ref src, o + (4 * Rows)).AsDouble(),
                        Vector256.LoadUnsafe(ref src, o + (6 * Rows)).AsDouble(),
                        out var r0,
                        out var r1,
                        out var r2,
                        out var r3);
                    nuint d = (nuint)((4 * group * stride) + (2 * j));
                    r0.AsSingle().StoreUnsafe(ref dst, d);
                    r1.AsSingle().StoreUnsafe(ref dst, d + (nuint)stride);
                    r2.AsSingle().StoreUnsafe(ref dst, d + (nuint)(2 * stride));
                    r3.AsSingle().StoreUnsafe(ref dst, d + (nuint)(3 * stride));
                }
            }
        }

        for (; j < count; j++)
        {
            for (int t = 0; t < Rows; t++)
            {
                rows[(t * stride) + (2 * j)] = block[2 * ((j * Rows) + t)];
                rows[(t * stride) + (2 * j) + 1] = block[(2 * ((j * Rows) + t)) + 1];
            }
        }
    }

    /// <summary>4 × 4 transpose of doubles: c_q[i] = r_i[q].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(
        Vector256<double> r0,
        Vector256<double> r1,
        Vector256<double> r2,
        Vector256<double> r3,
        out Vector256<double> c0,
        out Vector256<double> c1,
        out Vector256<double> c2,
        out Vector256<double> c3)
    {
        var t0 = Avx.UnpackLow(r0, r1);   // r0[0] r1[0] | r0[2] r1[2]
        var t1 = Avx.UnpackHigh(r0, r1);  // r0[1] r1[1] | r0[3] r1[3]
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        c0 = Avx.Permute2x128(t0, t2, 0x20);
        c1 = Avx.Permute2x128(t1, t3, 0x20);
        c2 = Avx.Permute2x128(t0, t2, 0x31);
        c3 = Avx.Permute2x128(t1, t3, 0x31);
    }
}
