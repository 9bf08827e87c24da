using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Fft.Kernels;

/// <summary>
/// Complex arithmetic on interleaved data: a <see cref="Vector256{T}"/> holds four complex
/// numbers as (re0, im0, re1, im1, …). The same operations in the same order as the scalar
/// helpers, so a value gets the same bits whichever path computes it.
/// </summary>
internal static class ComplexVector
{
    /// <summary>Complex numbers per vector.</summary>
    public const int Lanes = 4;

    /// <summary>Floats per vector.</summary>
    public const int Floats = 8;

    /// <summary>Whether the vector path is used at all; the scalar path handles every size alone.</summary>
    public static bool IsEnabled => Vector256.IsHardwareAccelerated;

    /// <summary>(re, im) → (im, re) in every pair; one vpermilps on AVX.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SwapPairs(Vector256<float> v) =>
        Vector256.Shuffle(v, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6));

    /// <summary>v · (wr + i·wi) with the twiddle broadcast to all lanes: re = ar·wr + ai·(−wi), im = ai·wr + ar·wi.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> v, Vector256<float> wr, Vector256<float> wiSigned) =>
        (v * wr) + (SwapPairs(v) * wiSigned);

    /// <summary>The broadcast pair for <see cref="Multiply(Vector256{float}, Vector256{float}, Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> Wr, Vector256<float> WiSigned) Broadcast(float wr, float wi) =>
        (Vector256.Create(wr), Vector256.Create(-wi, wi, -wi, wi, -wi, wi, -wi, wi));

    /// <summary>v · (∓i): forward (−i) maps (a, b) → (b, −a); inverse (+i) maps (a, b) → (−b, a).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> RotateQuarter(Vector256<float> v, bool inverse) =>
        SwapPairs(v) * (inverse ? Vector256.Create(-1f, 1, -1, 1, -1, 1, -1, 1) : Vector256.Create(1f, -1, 1, -1, 1, -1, 1, -1));

    /// <summary>Scalar (ar + i·ai)(wr + i·wi), in the same operation order as the vector path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float Re, float Im) Multiply(float ar, float ai, float wr, float wi) =>
        ((ar * wr) + (ai * -wi), (ai * wr) + (ar * wi));

    /// <summary>
    /// Four complex numbers at <paramref name="at"/> when <paramref name="full"/>, else one in
    /// lanes 0–1 and zeros: a pass's column tail goes through the same vector butterfly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float origin, nuint at, bool full) =>
        full ? Vector256.LoadUnsafe(ref origin, at) : Vector256.Create(Unsafe.Add(ref origin, at), Unsafe.Add(ref origin, at + 1), 0, 0, 0, 0, 0, 0);

    /// <summary>The counterpart of <see cref="Load"/>: four complex numbers, or lanes 0–1 only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> v, ref float origin, nuint at, bool full)
    {
        if (full)
        {
            v.StoreUnsafe(ref origin, at);
        }
        else
        {
            Unsafe.Add(ref origin, at) = v.GetElement(0);
            Unsafe.Add(ref origin, at + 1) = v.GetElement(1);
        }
    }
}
