using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// Blosc's bit shuffle (from Kiyoshi Masui's bitshuffle): a block of <c>n</c> elements of
/// <c>typeSize</c> bytes becomes <c>8 * typeSize</c> rows of <c>n / 8</c> bytes, row
/// <c>8j + b</c> holding bit <c>b</c> of byte <c>j</c> of every element, element <c>i</c> at bit
/// <c>i % 8</c> of byte <c>i / 8</c>.
/// </summary>
/// <remarks>
/// That layout is a byte shuffle followed, on each of the <c>typeSize</c> byte planes, by a
/// transform of <c>n</c> bytes into 8 bit planes ("to bit planes"). Treating 8 bytes as a 64-bit
/// word, that transform is the 8-byte shuffle of <see cref="Shuffle"/> with an 8x8 bit transpose
/// of each word (<see cref="BitTranspose8x8"/>), so the SIMD kernels reuse the byte shuffle's.
/// c-blosc 1.x bit-shuffles only blocks whose element count is a multiple of 8 (it copies other
/// blocks unchanged) and copies the bytes past the last whole element.
/// </remarks>
internal static class BitShuffle
{
    /// <summary>Bit-shuffles one block; <paramref name="scratch"/> holds at least <c>source.Length</c> bytes.</summary>
    public static void BitShuffleBlock(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination, Span<byte> scratch)
    {
        int n = source.Length / typeSize;
        if (n % 8 != 0)
        {
            source.CopyTo(destination);
            return;
        }

        int bytes = n * typeSize;
        if (typeSize == 1)
        {
            ToBitPlanes(source[..n], destination[..n]);
        }
        else
        {
            Shuffle.ShuffleBlock(typeSize, source[..bytes], scratch[..bytes]);
            for (int j = 0; j < typeSize; j++)
            {
                ToBitPlanes(scratch.Slice(j * n, n), destination.Slice(j * n, n));
            }
        }

        source[bytes..].CopyTo(destination[bytes..]);
    }

    /// <summary>Reverses <see cref="BitShuffleBlock"/>; <paramref name="scratch"/> holds at least <c>source.Length</c> bytes.</summary>
    public static void BitUnshuffleBlock(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination, Span<byte> scratch)
    {
        int n = source.Length / typeSize;
        if (n % 8 != 0)
        {
            source.CopyTo(destination);
            return;
        }

        int bytes = n * typeSize;
        if (typeSize == 1)
        {
            FromBitPlanes(source[..n], destination[..n]);
        }
        else
        {
            for (int j = 0; j < typeSize; j++)
            {
                FromBitPlanes(source.Slice(j * n, n), scratch.Slice(j * n, n));
            }

            Shuffle.UnshuffleBlock(typeSize, scratch[..bytes], destination[..bytes]);
        }

        source[bytes..].CopyTo(destination[bytes..]);
    }

    /// <summary>Splits <paramref name="bytes"/> (a multiple of 8 long) into 8 bit planes of <c>bytes.Length / 8</c> bytes.</summary>
    public static void ToBitPlanes(ReadOnlySpan<byte> bytes, Span<byte> planes)
    {
        CheckArguments(bytes.Length, planes.Length);
        int done = Avx2.IsSupported ? ToBitPlanesAvx2Core(bytes, planes) : Ssse3.IsSupported ? ToBitPlanesSsse3Core(bytes, planes) : 0;
        ToBitPlanesTail(bytes, planes, done);
    }

    /// <summary>Reverses <see cref="ToBitPlanes"/>.</summary>
    public static void FromBitPlanes(ReadOnlySpan<byte> planes, Span<byte> bytes)
    {
        CheckArguments(planes.Length, bytes.Length);
        int done = Avx2.IsSupported ? FromBitPlanesAvx2Core(planes, bytes) : Sse2.IsSupported ? FromBitPlanesSse2Core(planes, bytes) : 0;
        FromBitPlanesTail(planes, bytes, done);
    }

    /// <summary>The scalar reference of <see cref="ToBitPlanes"/>.</summary>
    public static void ToBitPlanesScalar(ReadOnlySpan<byte> bytes, Span<byte> planes)
    {
        CheckArguments(bytes.Length, planes.Length);
        ToBitPlanesTail(bytes, planes, 0);
    }

    /// <summary>The scalar reference of <see cref="FromBitPlanes"/>.</summary>
    public static void FromBitPlanesScalar(ReadOnlySpan<byte> planes, Span<byte> bytes)
    {
        CheckArguments(planes.Length, bytes.Length);
        FromBitPlanesTail(planes, bytes, 0);
    }

    /// <summary>The AVX2 kernel of <see cref="ToBitPlanes"/> and its scalar tail.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks AVX2.</exception>
    public static void ToBitPlanesAvx2(ReadOnlySpan<byte> bytes, Span<byte> planes)
    {
        CheckArguments(bytes.Length, planes.Length);
        Shuffle.RequireIsa(Avx2.IsSupported, "AVX2");
        ToBitPlanesTail(bytes, planes, ToBitPlanesAvx2Core(bytes, planes));
    }

    /// <summary>The AVX2 kernel of <see cref="FromBitPlanes"/> and its scalar tail.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks AVX2.</exception>
    public static void FromBitPlanesAvx2(ReadOnlySpan<byte> planes, Span<byte> bytes)
    {
        CheckArguments(planes.Length, bytes.Length);
        Shuffle.RequireIsa(Avx2.IsSupported, "AVX2");
        FromBitPlanesTail(planes, bytes, FromBitPlanesAvx2Core(planes, bytes));
    }

    /// <summary>The SSSE3 kernel of <see cref="ToBitPlanes"/> and its scalar tail.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks SSSE3.</exception>
    public static void ToBitPlanesSsse3(ReadOnlySpan<byte> bytes, Span<byte> planes)
    {
        CheckArguments(bytes.Length, planes.Length);
        Shuffle.RequireIsa(Ssse3.IsSupported, "SSSE3");
        ToBitPlanesTail(bytes, planes, ToBitPlanesSsse3Core(bytes, planes));
    }

    /// <summary>The SSE2 kernel of <see cref="FromBitPlanes"/> and its scalar tail.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks SSE2.</exception>
    public static void FromBitPlanesSse2(ReadOnlySpan<byte> planes, Span<byte> bytes)
    {
        CheckArguments(planes.Length, bytes.Length);
        Shuffle.RequireIsa(Sse2.IsSupported, "SSE2");
        FromBitPlanesTail(planes, bytes, FromBitPlanesSse2Core(planes, bytes));
    }

    // The kernels below return how many 8-byte columns they handled; the tails do the rest.
    private static unsafe int ToBitPlanesAvx2Core(ReadOnlySpan<byte> bytes, Span<byte> planes)
    {
        int columns = bytes.Length / 8;
        int count = columns & ~31;
        if (count > 0)
        {
            fixed (byte* src = bytes)
            fixed (byte* dst = planes)
            {
                Shuffle.Shuffle8Avx2<BitTranspose8x8>(src, dst, columns, count);
            }
        }

        return count;
    }

    private static unsafe int FromBitPlanesAvx2Core(ReadOnlySpan<byte> planes, Span<byte> bytes)
    {
        int columns = bytes.Length / 8;
        int count = columns & ~31;
        if (count > 0)
        {
            fixed (byte* src = planes)
            fixed (byte* dst = bytes)
            {
                byte** rows = stackalloc byte*[8];
                BitRows(src, columns, rows);
                Shuffle.Unshuffle8Avx2<BitTranspose8x8>(rows, dst, count);
            }
        }

        return count;
    }

    private static unsafe int ToBitPlanesSsse3Core(ReadOnlySpan<byte> bytes, Span<byte> planes)
    {
        int columns = bytes.Length / 8;
        int count = columns & ~15;
        if (count > 0)
        {
            fixed (byte* src = bytes)
            fixed (byte* dst = planes)
            {
                Shuffle.Shuffle8Ssse3<BitTranspose8x8>(src, dst, columns, count);
            }
        }

        return count;
    }

    private static unsafe int FromBitPlanesSse2Core(ReadOnlySpan<byte> planes, Span<byte> bytes)
    {
        int columns = bytes.Length / 8;
        int count = columns & ~15;
        if (count > 0)
        {
            fixed (byte* src = planes)
            fixed (byte* dst = bytes)
            {
                byte** rows = stackalloc byte*[8];
                BitRows(src, columns, rows);
                Shuffle.Unshuffle8Sse2<BitTranspose8x8>(rows, dst, count);
            }
        }

        return count;
    }

    private static unsafe void BitRows(byte* planes, int columns, byte** rows)
    {
        for (int b = 0; b < 8; b++)
        {
            rows[b] = planes + ((nint)b * columns);
        }
    }

    /// <summary>Column <c>c</c> (8 bytes, 8 elements) becomes byte <c>c</c> of each of the 8 planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToBitPlanesTail(ReadOnlySpan<byte> bytes, Span<byte> planes, int firstColumn)
    {
        int columns = bytes.Length / 8;
        for (int c = firstColumn; c < columns; c++)
        {
            ulong x = BitTranspose8x8.Apply(BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(8 * c, 8)));
            for (int b = 0; b < 8; b++, x >>= 8)
            {
                planes[(b * columns) + c] = (byte)x;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FromBitPlanesTail(ReadOnlySpan<byte> planes, Span<byte> bytes, int firstColumn)
    {
        int columns = bytes.Length / 8;
        for (int c = firstColumn; c < columns; c++)
        {
            ulong x = 0;
            for (int b = 0; b < 8; b++)
            {
                x |= (ulong)planes[(b * columns) + c] << (8 * b);
            }

            BinaryPrimitives.WriteUInt64LittleEndian(bytes.Slice(8 * c, 8), BitTranspose8x8.Apply(x));
        }
    }

    private static void CheckArguments(int sourceLength, int destinationLength)
    {
        if (sourceLength != destinationLength || sourceLength % 8 != 0)
        {
            throw new ArgumentException($"Bit planes need equal source and destination lengths that are multiples of 8; got {sourceLength} and {destinationLength} bytes.");
        }
    }
}
