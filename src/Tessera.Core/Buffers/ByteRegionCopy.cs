using System.Runtime.InteropServices;

namespace Tessera.Buffers;

/// <summary>
/// <see cref="NDCopy"/> for untyped element bytes: copying never interprets values, so elements of
/// size 1, 2, 4 or 8 are moved as <see cref="byte"/>, <see cref="ushort"/>, <see cref="uint"/> or
/// <see cref="ulong"/>. Lets format code stay generic over data types without per-type code.
/// </summary>
public static class ByteRegionCopy
{
    /// <summary><see cref="NDCopy.CopyRegion{T}"/> over the bytes of elements of <paramref name="itemSize"/> bytes.</summary>
    public static void CopyRegion(
        ReadOnlySpan<byte> source, ReadOnlySpan<int> sourceShape, ReadOnlySpan<long> sourceOrigin,
        Span<byte> destination, ReadOnlySpan<int> destinationShape, ReadOnlySpan<long> destinationOrigin,
        ReadOnlySpan<int> regionShape, int itemSize)
    {
        switch (itemSize)
        {
            case 1: NDCopy.CopyRegion(source, sourceShape, sourceOrigin, destination, destinationShape, destinationOrigin, regionShape); break;
            case 2: NDCopy.CopyRegion(MemoryMarshal.Cast<byte, ushort>(source), sourceShape, sourceOrigin, MemoryMarshal.Cast<byte, ushort>(destination), destinationShape, destinationOrigin, regionShape); break;
            case 4: NDCopy.CopyRegion(MemoryMarshal.Cast<byte, uint>(source), sourceShape, sourceOrigin, MemoryMarshal.Cast<byte, uint>(destination), destinationShape, destinationOrigin, regionShape); break;
            case 8: NDCopy.CopyRegion(MemoryMarshal.Cast<byte, ulong>(source), sourceShape, sourceOrigin, MemoryMarshal.Cast<byte, ulong>(destination), destinationShape, destinationOrigin, regionShape); break;
            default: throw new ArgumentOutOfRangeException(nameof(itemSize), itemSize, "Item size must be 1, 2, 4 or 8.");
        }
    }

    /// <summary><see cref="NDCopy.CopyStrided{T}"/> over the bytes of elements of <paramref name="itemSize"/> bytes.</summary>
    public static void CopyStrided(
        ReadOnlySpan<byte> source, ReadOnlySpan<long> sourceStrides, long sourceOffset,
        Span<byte> destination, ReadOnlySpan<long> destinationStrides, long destinationOffset,
        ReadOnlySpan<int> regionShape, int itemSize)
    {
        switch (itemSize)
        {
            case 1: NDCopy.CopyStrided(source, sourceStrides, sourceOffset, destination, destinationStrides, destinationOffset, regionShape); break;
            case 2: NDCopy.CopyStrided(MemoryMarshal.Cast<byte, ushort>(source), sourceStrides, sourceOffset, MemoryMarshal.Cast<byte, ushort>(destination), destinationStrides, destinationOffset, regionShape); break;
            case 4: NDCopy.CopyStrided(MemoryMarshal.Cast<byte, uint>(source), sourceStrides, sourceOffset, MemoryMarshal.Cast<byte, uint>(destination), destinationStrides, destinationOffset, regionShape); break;
            case 8: NDCopy.CopyStrided(MemoryMarshal.Cast<byte, ulong>(source), sourceStrides, sourceOffset, MemoryMarshal.Cast<byte, ulong>(destination), destinationStrides, destinationOffset, regionShape); break;
            default: throw new ArgumentOutOfRangeException(nameof(itemSize), itemSize, "Item size must be 1, 2, 4 or 8.");
        }
    }
}
