using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// 128-bit kernels: SSSE3 for the shuffle (it needs <c>pshufb</c>), SSE2 for the unshuffle. A
/// step is 16 elements, so one load or store per plane; the remaining elements and the
/// trailing bytes are left to the scalar tail.
/// </summary>
internal static partial class Shuffle
{
    // pshufb masks that gather byte j of each element of a 16-byte vector together: for 2-byte
    // elements the low qword gets byte 0 of 8 elements; for 4-byte ones dword j gets byte j of
    // 4 elements; for 8-byte ones word j gets byte j of 2 elements.
    private static Vector128<byte> Gather2Mask => Vector128.Create((byte)0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);

    private static Vector128<byte> Gather4Mask => Vector128.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    private static Vector128<byte> Gather8Mask => Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);

    /// <summary>The SSSE3 shuffle followed by the scalar tail; for tests and benchmarks.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks SSSE3.</exception>
    public static void ShuffleSsse3(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckArguments(typeSize, source, destination);
        RequireIsa(Ssse3.IsSupported, "SSSE3");
        ShuffleTail(typeSize, source, destination, typeSize == 1 ? 0 : ShuffleSsse3Core(typeSize, source, destination));
    }

    /// <summary>The SSE2 unshuffle followed by the scalar tail; for tests and benchmarks.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks SSE2.</exception>
    public static unsafe void UnshuffleSse2(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckArguments(typeSize, source, destination);
        RequireIsa(Sse2.IsSupported, "SSE2");
        int n = source.Length / typeSize;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            byte** planes = stackalloc byte*[typeSize];
            ContiguousPlanes(src, n, typeSize, planes);
            UnshufflePlanesTail(typeSize, planes, dst, n, typeSize == 1 ? 0 : UnshuffleSse2Core(typeSize, planes, dst, n));
        }

        CopyTrailingBytes(typeSize, source, destination);
    }

    private static unsafe int ShuffleSsse3Core(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n = source.Length / typeSize;
        int count = n & ~15;
        if (count == 0 || typeSize is not (2 or 4 or 8))
        {
            return 0;
        }

        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            switch (typeSize)
            {
                case 2:
                    Shuffle2Ssse3(src, dst, n, count);
                    break;
                case 4:
                    Shuffle4Ssse3(src, dst, n, count);
                    break;
                default:
                    Shuffle8Ssse3<NoTransform>(src, dst, n, count);
                    break;
            }
        }

        return count;
    }

    private static unsafe int UnshuffleSse2Core(int typeSize, byte** planes, byte* dst, int n)
    {
        int count = n & ~15;
        switch (count == 0 ? 0 : typeSize)
        {
            case 2:
                Unshuffle2Sse2(planes, dst, count);
                return count;
            case 4:
                Unshuffle4Sse2(planes, dst, count);
                return count;
            case 8:
                Unshuffle8Sse2<NoTransform>(planes, dst, count);
                return count;
            default:
                return 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Shuffle2Ssse3(byte* src, byte* dst, nint n, nint count)
    {
        var mask = Gather2Mask;
        for (nint i = 0; i < count; i += 16)
        {
            byte* s = src + (2 * i);
            var v0 = Ssse3.Shuffle(Sse2.LoadVector128(s), mask).AsUInt64();
            var v1 = Ssse3.Shuffle(Sse2.LoadVector128(s + 16), mask).AsUInt64();
            Sse2.Store(dst + i, Sse2.UnpackLow(v0, v1).AsByte());
            Sse2.Store(dst + n + i, Sse2.UnpackHigh(v0, v1).AsByte());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Shuffle4Ssse3(byte* src, byte* dst, nint n, nint count)
    {
        var mask = Gather4Mask;
        for (nint i = 0; i < count; i += 16)
        {
            byte* s = src + (4 * i);

            // Vector k holds elements 4k..4k+3 as dwords d0..d3 (byte j of each); transpose 4x4 dwords.
            var v0 = Ssse3.Shuffle(Sse2.LoadVector128(s), mask).AsUInt32();
            var v1 = Ssse3.Shuffle(Sse2.LoadVector128(s + 16), mask).AsUInt32();
            var v2 = Ssse3.Shuffle(Sse2.LoadVector128(s + 32), mask).AsUInt32();
            var v3 = Ssse3.Shuffle(Sse2.LoadVector128(s + 48), mask).AsUInt32();
            var t0 = Sse2.UnpackLow(v0, v1).AsUInt64();
            var t1 = Sse2.UnpackHigh(v0, v1).AsUInt64();
            var t2 = Sse2.UnpackLow(v2, v3).AsUInt64();
            var t3 = Sse2.UnpackHigh(v2, v3).AsUInt64();
            Sse2.Store(dst + i, Sse2.UnpackLow(t0, t2).AsByte());
            Sse2.Store(dst + n + i, Sse2.UnpackHigh(t0, t2).AsByte());
            Sse2.Store(dst + (2 * n) + i, Sse2.UnpackLow(t1, t3).AsByte());
            Sse2.Store(dst + (3 * n) + i, Sse2.UnpackHigh(t1, t3).AsByte());
        }
    }

    /// <summary>Shuffles 8-byte elements, passing each element through <typeparamref name="TTransform"/> first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Shuffle8Ssse3<TTransform>(byte* src, byte* dst, nint n, nint count)
        where TTransform : struct, IQwordTransform
    {
        var mask = Gather8Mask;
        for (nint i = 0; i < count; i += 16)
        {
            byte* s = src + (8 * i);

            // Vector k holds elements 2k, 2k+1 as words w0..w7 (byte j of each); transpose 8x8 words.
            var v0 = Ssse3.Shuffle(TTransform.Apply(Sse2.LoadVector128(s).AsUInt64()).AsByte(), mask).AsUInt16();
            var v1 = Ssse3.Shuffle(TTransform.Apply(Sse2.LoadVector128(s + 16).AsUInt64()).AsByte(), mask).AsUInt16();
            var v2 = Ssse3.Shuffle(TTransform.Apply(Sse2.LoadVector128(s + 32).AsUInt64()).AsByte(), mask).AsUInt16();
            var v3 = Ssse3.Shuffle(TTransform.Apply(Sse2.LoadVector128(s + 48).AsUInt64()).AsByte(), mask).AsUInt16();
            var v4 = Ssse3.Shuffle(TTransform.Apply(Sse2.LoadVector128(s + 64).AsUInt64()).AsByte(), mask).AsUInt16();
            var v5 = Ssse3.Shuffle(TTransform.Apply(Sse2.LoadVector128(s + 80).AsUInt64()).AsByte(), mask).AsUInt16();
            var v6 = Ssse3.Shuffle(TTransform.Apply(Sse2.LoadVector128(s + 96).AsUInt64()).AsByte(), mask).AsUInt16();
            var v7 = Ssse3.Shuffle(TTransform.Apply(Sse2.LoadVector128(s + 112).AsUInt64()).AsByte(), mask).AsUInt16();

            var a0 = Sse2.UnpackLow(v0, v1).AsUInt32();
            var a1 = Sse2.UnpackHigh(v0, v1).AsUInt32();
            var a2 = Sse2.UnpackLow(v2, v3).AsUInt32();
            var a3 = Sse2.UnpackHigh(v2, v3).AsUInt32();
            var a4 = Sse2.UnpackLow(v4, v5).AsUInt32();
            var a5 = Sse2.UnpackHigh(v4, v5).AsUInt32();
            var a6 = Sse2.UnpackLow(v6, v7).AsUInt32();
            var a7 = Sse2.UnpackHigh(v6, v7).AsUInt32();

            var b0 = Sse2.UnpackLow(a0, a2).AsUInt64();
            var b1 = Sse2.UnpackHigh(a0, a2).AsUInt64();
            var b2 = Sse2.UnpackLow(a1, a3).AsUInt64();
            var b3 = Sse2.UnpackHigh(a1, a3).AsUInt64();
            var b4 = Sse2.UnpackLow(a4, a6).AsUInt64();
            var b5 = Sse2.UnpackHigh(a4, a6).AsUInt64();
            var b6 = Sse2.UnpackLow(a5, a7).AsUInt64();
            var b7 = Sse2.UnpackHigh(a5, a7).AsUInt64();

            Sse2.Store(dst + i, Sse2.UnpackLow(b0, b4).AsByte());
            Sse2.Store(dst + n + i, Sse2.UnpackHigh(b0, b4).AsByte());
            Sse2.Store(dst + (2 * n) + i, Sse2.UnpackLow(b1, b5).AsByte());
            Sse2.Store(dst + (3 * n) + i, Sse2.UnpackHigh(b1, b5).AsByte());
            Sse2.Store(dst + (4 * n) + i, Sse2.UnpackLow(b2, b6).AsByte());
            Sse2.Store(dst + (5 * n) + i, Sse2.UnpackHigh(b2, b6).AsByte());
            Sse2.Store(dst + (6 * n) + i, Sse2.UnpackLow(b3, b7).AsByte());
            Sse2.Store(dst + (7 * n) + i, Sse2.UnpackHigh(b3, b7).AsByte());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Unshuffle2Sse2(byte** planes, byte* dst, nint count)
    {
        byte* s0 = planes[0], s1 = planes[1];
        for (nint i = 0; i < count; i += 16)
        {
            var p0 = Sse2.LoadVector128(s0 + i);
            var p1 = Sse2.LoadVector128(s1 + i);
            byte* d = dst + (2 * i);
            Sse2.Store(d, Sse2.UnpackLow(p0, p1));
            Sse2.Store(d + 16, Sse2.UnpackHigh(p0, p1));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Unshuffle4Sse2(byte** planes, byte* dst, nint count)
    {
        byte* s0 = planes[0], s1 = planes[1], s2 = planes[2], s3 = planes[3];
        for (nint i = 0; i < count; i += 16)
        {
            var p0 = Sse2.LoadVector128(s0 + i);
            var p1 = Sse2.LoadVector128(s1 + i);
            var p2 = Sse2.LoadVector128(s2 + i);
            var p3 = Sse2.LoadVector128(s3 + i);

            // Byte pairs of elements 0-7 (l) and 8-15 (h), then whole elements four at a time.
            var l01 = Sse2.UnpackLow(p0, p1).AsUInt16();
            var h01 = Sse2.UnpackHigh(p0, p1).AsUInt16();
            var l23 = Sse2.UnpackLow(p2, p3).AsUInt16();
            var h23 = Sse2.UnpackHigh(p2, p3).AsUInt16();
            byte* d = dst + (4 * i);
            Sse2.Store(d, Sse2.UnpackLow(l01, l23).AsByte());
            Sse2.Store(d + 16, Sse2.UnpackHigh(l01, l23).AsByte());
            Sse2.Store(d + 32, Sse2.UnpackLow(h01, h23).AsByte());
            Sse2.Store(d + 48, Sse2.UnpackHigh(h01, h23).AsByte());
        }
    }

    /// <summary>Unshuffles 8-byte elements, passing each element through <typeparamref name="TTransform"/> before storing it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Unshuffle8Sse2<TTransform>(byte** planes, byte* dst, nint count)
        where TTransform : struct, IQwordTransform
    {
        byte* s0 = planes[0], s1 = planes[1], s2 = planes[2], s3 = planes[3], s4 = planes[4], s5 = planes[5], s6 = planes[6], s7 = planes[7];
        for (nint i = 0; i < count; i += 16)
        {
            var p0 = Sse2.LoadVector128(s0 + i);
            var p1 = Sse2.LoadVector128(s1 + i);
            var p2 = Sse2.LoadVector128(s2 + i);
            var p3 = Sse2.LoadVector128(s3 + i);
            var p4 = Sse2.LoadVector128(s4 + i);
            var p5 = Sse2.LoadVector128(s5 + i);
            var p6 = Sse2.LoadVector128(s6 + i);
            var p7 = Sse2.LoadVector128(s7 + i);

            var l01 = Sse2.UnpackLow(p0, p1).AsUInt16();
            var h01 = Sse2.UnpackHigh(p0, p1).AsUInt16();
            var l23 = Sse2.UnpackLow(p2, p3).AsUInt16();
            var h23 = Sse2.UnpackHigh(p2, p3).AsUInt16();
            var l45 = Sse2.UnpackLow(p4, p5).AsUInt16();
            var h45 = Sse2.UnpackHigh(p4, p5).AsUInt16();
            var l67 = Sse2.UnpackLow(p6, p7).AsUInt16();
            var h67 = Sse2.UnpackHigh(p6, p7).AsUInt16();

            // Bytes 0-3 (a) and 4-7 (b) of elements 0-3, 4-7, 8-11, 12-15.
            var a0 = Sse2.UnpackLow(l01, l23).AsUInt32();
            var a1 = Sse2.UnpackHigh(l01, l23).AsUInt32();
            var a2 = Sse2.UnpackLow(h01, h23).AsUInt32();
            var a3 = Sse2.UnpackHigh(h01, h23).AsUInt32();
            var b0 = Sse2.UnpackLow(l45, l67).AsUInt32();
            var b1 = Sse2.UnpackHigh(l45, l67).AsUInt32();
            var b2 = Sse2.UnpackLow(h45, h67).AsUInt32();
            var b3 = Sse2.UnpackHigh(h45, h67).AsUInt32();

            byte* d = dst + (8 * i);
            Sse2.Store(d, TTransform.Apply(Sse2.UnpackLow(a0, b0).AsUInt64()).AsByte());
            Sse2.Store(d + 16, TTransform.Apply(Sse2.UnpackHigh(a0, b0).AsUInt64()).AsByte());
            Sse2.Store(d + 32, TTransform.Apply(Sse2.UnpackLow(a1, b1).AsUInt64()).AsByte());
            Sse2.Store(d + 48, TTransform.Apply(Sse2.UnpackHigh(a1, b1).AsUInt64()).AsByte());
            Sse2.Store(d + 64, TTransform.Apply(Sse2.UnpackLow(a2, b2).AsUInt64()).AsByte());
            Sse2.Store(d + 80, TTransform.Apply(Sse2.UnpackHigh(a2, b2).AsUInt64()).AsByte());
            Sse2.Store(d + 96, TTransform.Apply(Sse2.UnpackLow(a3, b3).AsUInt64()).AsByte());
            Sse2.Store(d + 112, TTransform.Apply(Sse2.UnpackHigh(a3, b3).AsUInt64()).AsByte());
        }
    }

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> unless <paramref name="supported"/>.</summary>
    internal static void RequireIsa(bool supported, string name)
    {
        if (!supported)
        {
            ThrowIsaMissing(name);
        }
    }

    [DoesNotReturn]
    private static void ThrowIsaMissing(string name) =>
        throw new PlatformNotSupportedException($"This CPU (or the runtime's settings) does not offer {name}; call the scalar kernel instead.");
}
