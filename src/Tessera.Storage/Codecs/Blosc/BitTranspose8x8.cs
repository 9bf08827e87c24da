using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// Transposes the 8x8 bit matrix held in each 64-bit word, where bit <c>c</c> of byte <c>r</c>
/// (bit <c>8r + c</c>) is element (r, c). Three rounds of "delta swaps" exchange 1x1, 2x2 and
/// 4x4 sub-blocks across the diagonal; the transform is its own inverse.
/// </summary>
internal readonly struct BitTranspose8x8 : IQwordTransform
{
    private const ulong Mask1 = 0x00AA00AA00AA00AAUL;
    private const ulong Mask2 = 0x0000CCCC0000CCCCUL;
    private const ulong Mask4 = 0x00000000F0F0F0F0UL;

    /// <summary>Transposes the bit matrix in <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply(ulong x)
    {
        ulong t = (x ^ (x >> 7)) & Mask1;
        x ^= t ^ (t << 7);
        t = (x ^ (x >> 14)) & Mask2;
        x ^= t ^ (t << 14);
        t = (x ^ (x >> 28)) & Mask4;
        return x ^ t ^ (t << 28);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Apply(Vector128<ulong> x)
    {
        var t = (x ^ (x >>> 7)) & Vector128.Create(Mask1);
        x ^= t ^ (t << 7);
        t = (x ^ (x >>> 14)) & Vector128.Create(Mask2);
        x ^= t ^ (t << 14);
        t = (x ^ (x >>> 28)) & Vector128.Create(Mask4);
        return x ^ t ^ (t << 28);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Apply(Vector256<ulong> x)
    {
        var t = (x ^ (x >>> 7)) & Vector256.Create(Mask1);
        x ^= t ^ (t << 7);
        t = (x ^ (x >>> 14)) & Vector256.Create(Mask2);
        x ^= t ^ (t << 14);
        t = (x ^ (x >>> 28)) & Vector256.Create(Mask4);
        return x ^ t ^ (t << 28);
    }
}
