using System.Runtime.InteropServices;

namespace Tessera.Cli.Conversion;

/// <summary>Tests whether a chunk holds nothing but the fill value.</summary>
internal static class FillCheck
{
    /// <summary>Whether every element of <paramref name="data"/> equals <paramref name="element"/> bitwise.</summary>
    /// <param name="data">Whole elements of <paramref name="element"/>'s size.</param>
    /// <param name="element">One element of 1, 2, 4 or 8 bytes.</param>
    public static bool IsAllFill(ReadOnlySpan<byte> data, ReadOnlySpan<byte> element) => element.Length switch
    {
        // Bitwise comparison: a NaN fill value matches NaN elements of the same bits, as intended.
        1 => data.IndexOfAnyExcept(element[0]) < 0,
        2 => MemoryMarshal.Cast<byte, ushort>(data).IndexOfAnyExcept(MemoryMarshal.Read<ushort>(element)) < 0,
        4 => MemoryMarshal.Cast<byte, uint>(data).IndexOfAnyExcept(MemoryMarshal.Read<uint>(element)) < 0,
        8 => MemoryMarshal.Cast<byte, ulong>(data).IndexOfAnyExcept(MemoryMarshal.Read<ulong>(element)) < 0,
        _ => throw new ArgumentOutOfRangeException(nameof(element), element.Length, "An element has 1, 2, 4 or 8 bytes."),
    };
}
