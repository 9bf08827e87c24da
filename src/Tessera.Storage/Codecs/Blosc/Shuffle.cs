using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// Blosc's byte shuffle: a block of <c>n</c> elements of <c>typeSize</c> bytes is stored as
/// <c>typeSize</c> planes of <c>n</c> bytes, plane <c>j</c> holding byte <c>j</c> of every element
/// (<c>planes[j * n + i] = elements[i * typeSize + j]</c>). Bytes past the last whole element are
/// copied unchanged, as c-blosc does.
/// </summary>
/// <remarks>
/// The public entry points pick the widest kernel the CPU offers (AVX2, then SSSE3/SSE2, then
/// scalar); the <c>…Scalar</c>, <c>…Sse2</c> and <c>…Avx2</c> methods are kept callable so that
/// tests check each against the scalar reference whatever the machine. The loops are marked
/// <see cref="MethodImplOptions.AggressiveOptimization"/>: they are hot from the first chunk and
/// gain nothing from tiered PGO, and unoptimized (tier-0) SIMD code runs many times slower.
/// </remarks>
internal static partial class Shuffle
{
    /// <summary>Shuffles <paramref name="source"/> (elements) into <paramref name="destination"/> (planes) of the same length.</summary>
    public static void ShuffleBlock(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckArguments(typeSize, source, destination);
        if (typeSize == 1)
        {
            source.CopyTo(destination);
            return;
        }

        int done = 0;
        if (Avx2.IsSupported)
        {
            done = ShuffleAvx2Core(typeSize, source, destination);
        }
        else if (Ssse3.IsSupported)
        {
            done = ShuffleSsse3Core(typeSize, source, destination);
        }

        ShuffleTail(typeSize, source, destination, done);
    }

    /// <summary>Unshuffles <paramref name="source"/> (planes) into <paramref name="destination"/> (elements) of the same length.</summary>
    public static unsafe void UnshuffleBlock(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckArguments(typeSize, source, destination);
        if (typeSize == 1)
        {
            source.CopyTo(destination);
            return;
        }

        int n = source.Length / typeSize;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            byte** planes = stackalloc byte*[typeSize];
            ContiguousPlanes(src, n, typeSize, planes);
            UnshufflePlanes(typeSize, planes, n, dst);
        }

        CopyTrailingBytes(typeSize, source, destination);
    }

    /// <summary>
    /// Interleaves <paramref name="typeSize"/> planes of <paramref name="n"/> bytes, wherever each
    /// lies, into <paramref name="n"/> items at <paramref name="destination"/>. The decoder uses this
    /// to read planes stored uncompressed straight from the frame.
    /// </summary>
    internal static unsafe void UnshufflePlanes(int typeSize, byte** planes, int n, byte* destination)
    {
        int done = 0;
        if (Avx2.IsSupported)
        {
            done = UnshuffleAvx2Core(typeSize, planes, destination, n);
        }
        else if (Sse2.IsSupported)
        {
            done = UnshuffleSse2Core(typeSize, planes, destination, n);
        }

        UnshufflePlanesTail(typeSize, planes, destination, n, done);
    }

    /// <summary>The scalar reference shuffle (no intrinsics).</summary>
    public static void ShuffleScalar(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckArguments(typeSize, source, destination);
        ShuffleTail(typeSize, source, destination, 0);
    }

    /// <summary>The scalar reference unshuffle (no intrinsics).</summary>
    public static unsafe void UnshuffleScalar(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckArguments(typeSize, source, destination);
        int n = source.Length / typeSize;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            byte** planes = stackalloc byte*[typeSize];
            ContiguousPlanes(src, n, typeSize, planes);
            UnshufflePlanesTail(typeSize, planes, dst, n, 0);
        }

        CopyTrailingBytes(typeSize, source, destination);
    }

    /// <summary>Shuffles the elements from <paramref name="firstElement"/> on, then copies the trailing bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ShuffleTail(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination, int firstElement)
    {
        int n = source.Length / typeSize;
        for (int j = 0; j < typeSize; j++)
        {
            Span<byte> plane = destination.Slice(j * n, n);
            for (int i = firstElement, s = (firstElement * typeSize) + j; i < n; i++, s += typeSize)
            {
                plane[i] = source[s];
            }
        }

        source[(n * typeSize)..].CopyTo(destination[(n * typeSize)..]);
    }

    /// <summary>Unshuffles the elements from <paramref name="firstElement"/> on.</summary>
    /// <remarks>
    /// The common type sizes assemble each item in a register and store it once (a quarter to an
    /// eighth of the stores of the byte loop); this is the whole unshuffle where there is no SIMD.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void UnshufflePlanesTail(int typeSize, byte** planes, byte* destination, int n, int firstElement)
    {
        switch (typeSize)
        {
            case 2:
            {
                byte* p0 = planes[0], p1 = planes[1];
                for (nint i = firstElement; i < n; i++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(destination + (2 * i), 2), (ushort)(p0[i] | (p1[i] << 8)));
                }

                return;
            }

            case 4:
            {
                byte* p0 = planes[0], p1 = planes[1], p2 = planes[2], p3 = planes[3];
                for (nint i = firstElement; i < n; i++)
                {
                    uint item = p0[i] | ((uint)p1[i] << 8) | ((uint)p2[i] << 16) | ((uint)p3[i] << 24);
                    BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(destination + (4 * i), 4), item);
                }

                return;
            }

            case 8:
            {
                byte* p0 = planes[0], p1 = planes[1], p2 = planes[2], p3 = planes[3];
                byte* p4 = planes[4], p5 = planes[5], p6 = planes[6], p7 = planes[7];
                for (nint i = firstElement; i < n; i++)
                {
                    ulong low = p0[i] | ((uint)p1[i] << 8) | ((uint)p2[i] << 16) | ((uint)p3[i] << 24);
                    ulong high = p4[i] | ((uint)p5[i] << 8) | ((uint)p6[i] << 16) | ((uint)p7[i] << 24);
                    BinaryPrimitives.WriteUInt64LittleEndian(new Span<byte>(destination + (8 * i), 8), low | (high << 32));
                }

                return;
            }

            default:
                for (int j = 0; j < typeSize; j++)
                {
                    byte* plane = planes[j];
                    byte* d = destination + ((nint)firstElement * typeSize) + j;
                    for (int i = firstElement; i < n; i++, d += typeSize)
                    {
                        *d = plane[i];
                    }
                }

                return;
        }
    }

    /// <summary>Points <paramref name="planes"/> at the <paramref name="typeSize"/> consecutive planes of <paramref name="n"/> bytes at <paramref name="source"/>.</summary>
    private static unsafe void ContiguousPlanes(byte* source, int n, int typeSize, byte** planes)
    {
        for (int j = 0; j < typeSize; j++)
        {
            planes[j] = source + ((nint)j * n);
        }
    }

    /// <summary>Copies the bytes past the last whole item unchanged, as c-blosc does.</summary>
    private static void CopyTrailingBytes(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int whole = source.Length / typeSize * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    private static void CheckArguments(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(typeSize, 1);
        if (destination.Length != source.Length)
        {
            ThrowLengthMismatch(source.Length, destination.Length);
        }
    }

    [DoesNotReturn]
    private static void ThrowLengthMismatch(int source, int destination) =>
        throw new ArgumentException($"Shuffle needs source and destination of equal length; got {source} and {destination} bytes.");
}
