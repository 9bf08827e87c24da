namespace Tessera.Storage.Tests.Codecs;

/// <summary>
/// CRC-32C written out bit by bit from its definition (RFC 3720 §B.4: reflected polynomial 0x82F63B78, initial
/// value and final xor 0xFFFFFFFF), independent of the production table and hardware paths.
/// </summary>
internal static class Crc32CReference
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
            }
        }

        return ~crc;
    }
}
