using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Codecs.Blosc;

/// <summary>The identity <see cref="IQwordTransform"/>: the plain byte shuffle.</summary>
internal readonly struct NoTransform : IQwordTransform
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Apply(Vector128<ulong> x) => x;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Apply(Vector256<ulong> x) => x;
}
