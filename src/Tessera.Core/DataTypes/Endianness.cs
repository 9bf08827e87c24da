using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Tessera.DataTypes;

/// <summary>Byte-order conversion of element spans.</summary>
public static class Endianness
{
    /// <summary>Reverses the byte order of every element of <paramref name="data"/> in place.</summary>
    /// <param name="data">Whole elements of <paramref name="itemSize"/> bytes.</param>
    /// <param name="itemSize">1, 2, 4 or 8.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemSize"/> is not 1, 2, 4 or 8.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> ends in a partial element.</exception>
    public static void SwapInPlace(Span<byte> data, int itemSize)
    {
        // Reinterpreting as wider elements would silently leave a partial last element unswapped.
        if (itemSize is 2 or 4 or 8 && data.Length % itemSize != 0)
        {
            ThrowPartialElement(data.Length, itemSize);
        }

        switch (itemSize)
        {
            case 1:
                return;
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                return;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                return;
            case 8:
                var u64 = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(itemSize), itemSize, "Item size must be 1, 2, 4 or 8.");
        }
    }

    [DoesNotReturn]
    private static void ThrowPartialElement(int length, int itemSize) =>
        throw new ArgumentException($"{length} bytes are not a whole number of {itemSize}-byte elements; pass whole elements only.", "data");
}
