using System.Buffers.Binary;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>Seeded test data for the Blosc tests.</summary>
internal static class BloscTestData
{
    /// <summary>
    /// <paramref name="count"/> items of <paramref name="typeSize"/> bytes: the low bytes of a smooth
    /// signal with a little noise and 1% random spikes, like a microscope image row: compressible,
    /// but no two neighbouring items alike.
    /// </summary>
    public static byte[] SmoothNoise(int count, int typeSize, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[count * typeSize];
        Span<byte> item = stackalloc byte[8];
        for (int i = 0; i < count; i++)
        {
            double smooth = 1000 + (400 * Math.Sin(i / 97.0)) + (300 * Math.Sin(i / 1013.0)) + (16 * random.NextDouble());
            ulong value = random.Next(100) == 0 ? (ulong)random.NextInt64() : (ulong)smooth;
            BinaryPrimitives.WriteUInt64LittleEndian(item, value);
            for (int j = 0; j < typeSize; j++)
            {
                bytes[(i * typeSize) + j] = item[j % 8];
            }
        }

        return bytes;
    }

    /// <summary><paramref name="length"/> uniformly random bytes.</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
