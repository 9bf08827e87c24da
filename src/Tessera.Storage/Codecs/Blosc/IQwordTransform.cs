using System.Runtime.Intrinsics;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// A transform applied to every 64-bit word as it passes through the 8-byte shuffle kernels, so
/// that the bit shuffle can reuse their byte transposes (see <see cref="BitShuffle"/>).
/// </summary>
internal interface IQwordTransform
{
    /// <summary>Transforms each 64-bit lane of <paramref name="x"/>.</summary>
    static abstract Vector128<ulong> Apply(Vector128<ulong> x);

    /// <summary>Transforms each 64-bit lane of <paramref name="x"/>.</summary>
    static abstract Vector256<ulong> Apply(Vector256<ulong> x);
}
