using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// AVX2 kernels. AVX2's byte shuffles and unpacks work inside each 128-bit lane, so every kernel
/// treats a 256-bit register as two independent 128-bit problems: lane 0 handles elements
/// [0, 16) of a 32-element step and lane 1 elements [16, 32). The shuffle kernels arrange that
/// when loading (two 128-bit loads per register); the unshuffle kernels fix it up when storing
/// (<c>vperm2i128</c> pairs the lanes of two results). A step is 32 elements; the remaining
/// elements and the trailing bytes are left to the scalar tail.
/// </summary>
internal static partial class Shuffle
{
    // Per-lane pshufb masks that gather byte j of each element in a 16-byte lane together
    // (the 128-bit masks of Shuffle.Sse.cs, twice); the JIT turns these into constants.
    private static Vector256<byte> Gather2Mask256 => Vector256.Create(
        (byte)0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15,
        0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);

    private static Vector256<byte> Gather4Mask256 => Vector256.Create(
        (byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,
        0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    private static Vector256<byte> Gather8Mask256 => Vector256.Create(
        (byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15,
        0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);

    /// <summary>The AVX2 shuffle followed by the scalar tail; for tests and benchmarks.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks AVX2.</exception>
    public static void ShuffleAvx2(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckArguments(typeSize, source, destination);
        RequireIsa(Avx2.IsSupported, "AVX2");
        ShuffleTail(typeSize, source, destination, typeSize == 1 ? 0 : ShuffleAvx2Core(typeSize, source, destination));
    }

    /// <summary>The AVX2 unshuffle followed by the scalar tail; for tests and benchmarks.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks AVX2.</exception>
    public static unsafe void UnshuffleAvx2(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckArguments(typeSize, source, destination);
        RequireIsa(Avx2.IsSupported, "AVX2");
        int n = source.Length / typeSize;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            byte** planes = stackalloc byte*[typeSize];
            ContiguousPlanes(src, n, typeSize, planes);
            UnshufflePlanesTail(typeSize, planes, dst, n, typeSize == 1 ? 0 : UnshuffleAvx2Core(typeSize, planes, dst, n));
        }

        CopyTrailingBytes(typeSize, source, destination);
    }

    /// <summary>Shuffles whole 32-element steps; returns how many elements it handled (0 for other type sizes).</summary>
    private static unsafe int ShuffleAvx2Core(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n = source.Length / typeSize;
        int count = n & ~31;
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
                    Shuffle2Avx2(src, dst, n, count);
                    break;
                case 4:
                    Shuffle4Avx2(src, dst, n, count);
                    break;
                default:
                    Shuffle8Avx2<NoTransform>(src, dst, n, count);
                    break;
            }
        }

        return count;
    }

    /// <summary>Unshuffles whole 32-element steps of <paramref name="n"/>-byte planes; returns how many elements it handled (0 for other type sizes).</summary>
    private static unsafe int UnshuffleAvx2Core(int typeSize, byte** planes, byte* dst, int n)
    {
        int count = n & ~31;
        switch (count == 0 ? 0 : typeSize)
        {
            case 2:
                Unshuffle2Avx2(planes, dst, count);
                return count;
            case 4:
                Unshuffle4Avx2(planes, dst, count);
                return count;
            case 8:
                Unshuffle8Avx2<NoTransform>(planes, dst, count);
                return count;
            default:
                return 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Shuffle2Avx2(byte* src, byte* dst, nint n, nint count)
    {
        var mask = Gather2Mask256;
        for (nint i = 0; i < count; i += 32)
        {
            byte* s = src + (2 * i);

            // Lane 0 gets elements 0-7 and 8-15, lane 1 elements 16-23 and 24-31; pshufb then
            // leaves byte 0 of the lane's 8 elements in its low qword and byte 1 in its high qword.
            var v0 = Avx2.Shuffle(LoadLanes(s, s + 32), mask);
            var v1 = Avx2.Shuffle(LoadLanes(s + 16, s + 48), mask);
            Avx.Store(dst + i, Avx2.UnpackLow(v0.AsUInt64(), v1.AsUInt64()).AsByte());
            Avx.Store(dst + n + i, Avx2.UnpackHigh(v0.AsUInt64(), v1.AsUInt64()).AsByte());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Shuffle4Avx2(byte* src, byte* dst, nint n, nint count)
    {
        var mask = Gather4Mask256;
        for (nint i = 0; i < count; i += 32)
        {
            byte* s = src + (4 * i);

            // Register k holds elements 4k..4k+3 (lane 0) and 16+4k.. (lane 1); after pshufb,
            // dword j of a lane is byte j of its 4 elements. A 4x4 dword transpose gathers plane j.
            var v0 = Avx2.Shuffle(LoadLanes(s, s + 64), mask).AsUInt32();
            var v1 = Avx2.Shuffle(LoadLanes(s + 16, s + 80), mask).AsUInt32();
            var v2 = Avx2.Shuffle(LoadLanes(s + 32, s + 96), mask).AsUInt32();
            var v3 = Avx2.Shuffle(LoadLanes(s + 48, s + 112), mask).AsUInt32();
            var t0 = Avx2.UnpackLow(v0, v1).AsUInt64();
            var t1 = Avx2.UnpackHigh(v0, v1).AsUInt64();
            var t2 = Avx2.UnpackLow(v2, v3).AsUInt64();
            var t3 = Avx2.UnpackHigh(v2, v3).AsUInt64();
            Avx.Store(dst + i, Avx2.UnpackLow(t0, t2).AsByte());
            Avx.Store(dst + n + i, Avx2.UnpackHigh(t0, t2).AsByte());
            Avx.Store(dst + (2 * n) + i, Avx2.UnpackLow(t1, t3).AsByte());
            Avx.Store(dst + (3 * n) + i, Avx2.UnpackHigh(t1, t3).AsByte());
        }
    }

    /// <summary>Shuffles 8-byte elements, passing each element through <typeparamref name="TTransform"/> first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Shuffle8Avx2<TTransform>(byte* src, byte* dst, nint n, nint count)
        where TTransform : struct, IQwordTransform
    {
        var mask = Gather8Mask256;
        for (nint i = 0; i < count; i += 32)
        {
            byte* s = src + (8 * i);

            // Register k holds elements 2k, 2k+1 (lane 0) and 16+2k, 17+2k (lane 1); after pshufb,
            // 16-bit word j of a lane is byte j of its 2 elements. An 8x8 word transpose gathers plane j.
            var v0 = Avx2.Shuffle(TTransform.Apply(LoadLanes(s, s + 128).AsUInt64()).AsByte(), mask).AsUInt16();
            var v1 = Avx2.Shuffle(TTransform.Apply(LoadLanes(s + 16, s + 144).AsUInt64()).AsByte(), mask).AsUInt16();
            var v2 = Avx2.Shuffle(TTransform.Apply(LoadLanes(s + 32, s + 160).AsUInt64()).AsByte(), mask).AsUInt16();
            var v3 = Avx2.Shuffle(TTransform.Apply(LoadLanes(s + 48, s + 176).AsUInt64()).AsByte(), mask).AsUInt16();
            var v4 = Avx2.Shuffle(TTransform.Apply(LoadLanes(s + 64, s + 192).AsUInt64()).AsByte(), mask).AsUInt16();
            var v5 = Avx2.Shuffle(TTransform.Apply(LoadLanes(s + 80, s + 208).AsUInt64()).AsByte(), mask).AsUInt16();
            var v6 = Avx2.Shuffle(TTransform.Apply(LoadLanes(s + 96, s + 224).AsUInt64()).AsByte(), mask).AsUInt16();
            var v7 = Avx2.Shuffle(TTransform.Apply(LoadLanes(s + 112, s + 240).AsUInt64()).AsByte(), mask).AsUInt16();

            var a0 = Avx2.UnpackLow(v0, v1).AsUInt32();
            var a1 = Avx2.UnpackHigh(v0, v1).AsUInt32();
            var a2 = Avx2.UnpackLow(v2, v3).AsUInt32();
            var a3 = Avx2.UnpackHigh(v2, v3).AsUInt32();
            var a4 = Avx2.UnpackLow(v4, v5).AsUInt32();
            var a5 = Avx2.UnpackHigh(v4, v5).AsUInt32();
            var a6 = Avx2.UnpackLow(v6, v7).AsUInt32();
            var a7 = Avx2.UnpackHigh(v6, v7).AsUInt32();

            var b0 = Avx2.UnpackLow(a0, a2).AsUInt64();
            var b1 = Avx2.UnpackHigh(a0, a2).AsUInt64();
            var b2 = Avx2.UnpackLow(a1, a3).AsUInt64();
            var b3 = Avx2.UnpackHigh(a1, a3).AsUInt64();
            var b4 = Avx2.UnpackLow(a4, a6).AsUInt64();
            var b5 = Avx2.UnpackHigh(a4, a6).AsUInt64();
            var b6 = Avx2.UnpackLow(a5, a7).AsUInt64();
            var b7 = Avx2.UnpackHigh(a5, a7).AsUInt64();

            Avx.Store(dst + i, Avx2.UnpackLow(b0, b4).AsByte());
            Avx.Store(dst + n + i, Avx2.UnpackHigh(b0, b4).AsByte());
            Avx.Store(dst + (2 * n) + i, Avx2.UnpackLow(b1, b5).AsByte());
            Avx.Store(dst + (3 * n) + i, Avx2.UnpackHigh(b1, b5).AsByte());
            Avx.Store(dst + (4 * n) + i, Avx2.UnpackLow(b2, b6).AsByte());
            Avx.Store(dst + (5 * n) + i, Avx2.UnpackHigh(b2, b6).AsByte());
            Avx.Store(dst + (6 * n) + i, Avx2.UnpackLow(b3, b7).AsByte());
            Avx.Store(dst + (7 * n) + i, Avx2.UnpackHigh(b3, b7).AsByte());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Unshuffle2Avx2(byte** planes, byte* dst, nint count)
    {
        byte* s0 = planes[0], s1 = planes[1];
        for (nint i = 0; i < count; i += 32)
        {
            var p0 = Avx.LoadVector256(s0 + i);
            var p1 = Avx.LoadVector256(s1 + i);

            // Interleaving bytes rebuilds elements 0-7 | 16-23 (lo) and 8-15 | 24-31 (hi).
            var lo = Avx2.UnpackLow(p0, p1);
            var hi = Avx2.UnpackHigh(p0, p1);
            byte* d = dst + (2 * i);
            Avx.Store(d, Avx2.Permute2x128(lo, hi, 0x20));
            Avx.Store(d + 32, Avx2.Permute2x128(lo, hi, 0x31));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Unshuffle4Avx2(byte** planes, byte* dst, nint count)
    {
        byte* s0 = planes[0], s1 = planes[1], s2 = planes[2], s3 = planes[3];
        for (nint i = 0; i < count; i += 32)
        {
            var p0 = Avx.LoadVector256(s0 + i);
            var p1 = Avx.LoadVector256(s1 + i);
            var p2 = Avx.LoadVector256(s2 + i);
            var p3 = Avx.LoadVector256(s3 + i);

            // Bytes 0,1 and 2,3 of elements 0-7 | 16-23 (l) and 8-15 | 24-31 (h).
            var l01 = Avx2.UnpackLow(p0, p1).AsUInt16();
            var h01 = Avx2.UnpackHigh(p0, p1).AsUInt16();
            var l23 = Avx2.UnpackLow(p2, p3).AsUInt16();
            var h23 = Avx2.UnpackHigh(p2, p3).AsUInt16();

            // Whole elements: w0 = 0-3 | 16-19, w1 = 4-7 | 20-23, w2 = 8-11 | 24-27, w3 = 12-15 | 28-31.
            var w0 = Avx2.UnpackLow(l01, l23).AsByte();
            var w1 = Avx2.UnpackHigh(l01, l23).AsByte();
            var w2 = Avx2.UnpackLow(h01, h23).AsByte();
            var w3 = Avx2.UnpackHigh(h01, h23).AsByte();
            byte* d = dst + (4 * i);
            Avx.Store(d, Avx2.Permute2x128(w0, w1, 0x20));
            Avx.Store(d + 32, Avx2.Permute2x128(w2, w3, 0x20));
            Avx.Store(d + 64, Avx2.Permute2x128(w0, w1, 0x31));
            Avx.Store(d + 96, Avx2.Permute2x128(w2, w3, 0x31));
        }
    }

    /// <summary>Unshuffles 8-byte elements, passing each element through <typeparamref name="TTransform"/> before storing it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Unshuffle8Avx2<TTransform>(byte** planes, byte* dst, nint count)
        where TTransform : struct, IQwordTransform
    {
        byte* s0 = planes[0], s1 = planes[1], s2 = planes[2], s3 = planes[3], s4 = planes[4], s5 = planes[5], s6 = planes[6], s7 = planes[7];
        for (nint i = 0; i < count; i += 32)
        {
            var p0 = Avx.LoadVector256(s0 + i);
            var p1 = Avx.LoadVector256(s1 + i);
            var p2 = Avx.LoadVector256(s2 + i);
            var p3 = Avx.LoadVector256(s3 + i);
            var p4 = Avx.LoadVector256(s4 + i);
            var p5 = Avx.LoadVector256(s5 + i);
            var p6 = Avx.LoadVector256(s6 + i);
            var p7 = Avx.LoadVector256(s7 + i);

            // Byte pairs of elements 0-7 | 16-23 (l) and 8-15 | 24-31 (h).
            var l01 = Avx2.UnpackLow(p0, p1).AsUInt16();
            var h01 = Avx2.UnpackHigh(p0, p1).AsUInt16();
            var l23 = Avx2.UnpackLow(p2, p3).AsUInt16();
            var h23 = Avx2.UnpackHigh(p2, p3).AsUInt16();
            var l45 = Avx2.UnpackLow(p4, p5).AsUInt16();
            var h45 = Avx2.UnpackHigh(p4, p5).AsUInt16();
            var l67 = Avx2.UnpackLow(p6, p7).AsUInt16();
            var h67 = Avx2.UnpackHigh(p6, p7).AsUInt16();

            // Bytes 0-3 (a) and 4-7 (b) of elements 0-3, 4-7, 8-11, 12-15 (and 16 more in lane 1).
            var a0 = Avx2.UnpackLow(l01, l23).AsUInt32();
            var a1 = Avx2.UnpackHigh(l01, l23).AsUInt32();
            var a2 = Avx2.UnpackLow(h01, h23).AsUInt32();
            var a3 = Avx2.UnpackHigh(h01, h23).AsUInt32();
            var b0 = Avx2.UnpackLow(l45, l67).AsUInt32();
            var b1 = Avx2.UnpackHigh(l45, l67).AsUInt32();
            var b2 = Avx2.UnpackLow(h45, h67).AsUInt32();
            var b3 = Avx2.UnpackHigh(h45, h67).AsUInt32();

            // Whole elements, two per lane: g0 = 0-1 | 16-17, g1 = 2-3 | 18-19, ..., g7 = 14-15 | 30-31.
            var g0 = TTransform.Apply(Avx2.UnpackLow(a0, b0).AsUInt64()).AsByte();
            var g1 = TTransform.Apply(Avx2.UnpackHigh(a0, b0).AsUInt64()).AsByte();
            var g2 = TTransform.Apply(Avx2.UnpackLow(a1, b1).AsUInt64()).AsByte();
            var g3 = TTransform.Apply(Avx2.UnpackHigh(a1, b1).AsUInt64()).AsByte();
            var g4 = TTransform.Apply(Avx2.UnpackLow(a2, b2).AsUInt64()).AsByte();
            var g5 = TTransform.Apply(Avx2.UnpackHigh(a2, b2).AsUInt64()).AsByte();
            var g6 = TTransform.Apply(Avx2.UnpackLow(a3, b3).AsUInt64()).AsByte();
            var g7 = TTransform.Apply(Avx2.UnpackHigh(a3, b3).AsUInt64()).AsByte();
            byte* d = dst + (8 * i);
            Avx.Store(d, Avx2.Permute2x128(g0, g1, 0x20));
            Avx.Store(d + 32, Avx2.Permute2x128(g2, g3, 0x20));
            Avx.Store(d + 64, Avx2.Permute2x128(g4, g5, 0x20));
            Avx.Store(d + 96, Avx2.Permute2x128(g6, g7, 0x20));
            Avx.Store(d + 128, Avx2.Permute2x128(g0, g1, 0x31));
            Avx.Store(d + 160, Avx2.Permute2x128(g2, g3, 0x31));
            Avx.Store(d + 192, Avx2.Permute2x128(g4, g5, 0x31));
            Avx.Store(d + 224, Avx2.Permute2x128(g6, g7, 0x31));
        }
    }

    /// <summary>Loads lane 0 from <paramref name="lane0"/> and lane 1 from <paramref name="lane1"/> (16 bytes each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<byte> LoadLanes(byte* lane0, byte* lane1) =>
        Vector256.Create(Sse2.LoadVector128(lane0), Sse2.LoadVector128(lane1));
}
