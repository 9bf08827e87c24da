using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace Tessera.Codecs;

/// <summary>
/// CRC-32C (Castagnoli; reflected polynomial <c>0x82F63B78</c>, initial value and final xor
/// <c>0xFFFFFFFF</c>), the checksum of Zarr v3's <c>crc32c</c> codec and of the sharding index.
/// </summary>
/// <remarks>
/// Uses the SSE4.2 <c>crc32</c> instruction on x64 and the ARMv8 CRC32 extension on Arm64, 8 bytes
/// per instruction, and a slicing-by-8 table elsewhere (or with hardware intrinsics switched off).
/// Every path gives the same result.
/// </remarks>
public static class Crc32C
{
    // Reflected form of the Castagnoli polynomial 0x1EDC6F41.
    private const uint Polynomial = 0x82F63B78;

    // Slicing-by-8: table k (entries k*256 .. k*256+255) advances a byte through k further zero bytes,
    // so one lookup per byte of an 8-byte word replaces eight dependent shift-and-lookup steps.
    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32C of <paramref name="data"/>; 0 for empty input.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a checksum: given <paramref name="crc"/>, the CRC-32C of some bytes <c>a</c> (0 for
    /// none), returns the CRC-32C of <c>a</c> followed by <paramref name="data"/>. So
    /// <c>Append(Compute(a), b) == Compute(a + b)</c>, as with zlib's <c>crc32(crc, buf, len)</c>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            return ~UpdateSse42(~crc, data);
        }

        if (ArmCrc32.Arm64.IsSupported)
        {
            return ~UpdateArm64(~crc, data);
        }

        return ~UpdateSoftware(~crc, data);
    }

    /// <summary><see cref="Append"/> through the table, whatever the hardware; for tests.</summary>
    internal static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data) => ~UpdateSoftware(~crc, data);

    /// <summary><see cref="Append"/> through SSE4.2; callers check <c>Sse42.X64.IsSupported</c>.</summary>
    internal static uint AppendSse42(uint crc, ReadOnlySpan<byte> data) => ~UpdateSse42(~crc, data);

    /// <summary><see cref="Append"/> through the Arm64 CRC32 extension; callers check <c>Crc32.Arm64.IsSupported</c>.</summary>
    internal static uint AppendArm64(uint crc, ReadOnlySpan<byte> data) => ~UpdateArm64(~crc, data);

    // The Update* methods work on the raw register (before the final xor), as the instructions do.
    private static uint UpdateSse42(uint state, ReadOnlySpan<byte> data)
    {
        ulong wide = state;
        while (data.Length >= sizeof(ulong))
        {
            wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        state = (uint)wide;
        foreach (byte b in data)
        {
            state = Sse42.Crc32(state, b);
        }

        return state;
    }

    private static uint UpdateArm64(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            state = ArmCrc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (byte b in data)
        {
            state = ArmCrc32.ComputeCrc32C(state, b);
        }

        return state;
    }

    private static uint UpdateSoftware(uint state, ReadOnlySpan<byte> data)
    {
        // Indices are masked to a byte and offset by k*256 < Table.Length, so reads stay in range.
        ref uint table = ref MemoryMarshal.GetArrayDataReference(Table);
        while (data.Length >= sizeof(ulong))
        {
            // Reflected CRC: the register's low byte meets the first data byte, hence little-endian.
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(data) ^ state;
            state = Unsafe.Add(ref table, (7 * 256) + (int)(word & 0xFF))
                ^ Unsafe.Add(ref table, (6 * 256) + (int)((word >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, (5 * 256) + (int)((word >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (4 * 256) + (int)((word >> 24) & 0xFF))
                ^ Unsafe.Add(ref table, (3 * 256) + (int)((word >> 32) & 0xFF))
                ^ Unsafe.Add(ref table, (2 * 256) + (int)((word >> 40) & 0xFF))
                ^ Unsafe.Add(ref table, 256 + (int)((word >> 48) & 0xFF))
                ^ Unsafe.Add(ref table, (int)(word >> 56));
            data = data[sizeof(ulong)..];
        }

        foreach (byte b in data)
        {
            state = Unsafe.Add(ref table, (int)((state ^ b) & 0xFF)) ^ (state >> 8);
        }

        return state;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }

            table[i] = c;
        }

        for (int k = 1; k < 8; k++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint previous = table[((k - 1) * 256) + i];
                table[(k * 256) + i] = (previous >> 8) ^ table[(int)(previous & 0xFF)];
            }
        }

        return table;
    }
}
