using System.Buffers.Binary;
using Tessera.DataTypes;

namespace Tessera.Storage.Tests.Interop;

/// <summary>Seeded element values of any data type, as machine-order bytes.</summary>
internal static class InteropData
{
    public static byte[] Make(DataType type, long count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[count * type.ItemSize];
        var span = bytes.AsSpan();
        for (int i = 0; i < count; i++)
        {
            // A smooth ramp plus noise: compressible like real images, but every element distinct enough to catch misplacement.
            double v = (100 + (30 * Math.Sin(i * 0.01)) + (5 * random.NextDouble())) * (type.ItemSize >= 4 ? 1000 : 1);
            var e = span.Slice(i * type.ItemSize, type.ItemSize);
            switch (type.Kind)
            {
                case DataTypeKind.Bool: e[0] = random.Next(2) == 1 ? (byte)1 : (byte)0; break;
                case DataTypeKind.Int8: e[0] = (byte)(sbyte)((v % 200) - 100); break;
                case DataTypeKind.UInt8: e[0] = (byte)(v % 256); break;
                case DataTypeKind.Int16: BinaryPrimitives.WriteInt16LittleEndian(e, (short)(v - 150)); break;
                case DataTypeKind.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(e, (ushort)v); break;
                case DataTypeKind.Int32: BinaryPrimitives.WriteInt32LittleEndian(e, (int)v - 150000); break;
                case DataTypeKind.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(e, (uint)v * 1000); break;
                case DataTypeKind.Int64: BinaryPrimitives.WriteInt64LittleEndian(e, ((long)v << 20) - (1L << 40)); break;
                case DataTypeKind.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(e, ((ulong)v << 30) + (1UL << 62)); break;
                case DataTypeKind.Float32: BinaryPrimitives.WriteSingleLittleEndian(e, (float)(v / 7.0)); break;
                default: BinaryPrimitives.WriteDoubleLittleEndian(e, v / 7.0); break;
            }
        }

        return bytes;
    }

    /// <summary>Compares machine-order element bytes; NaN equals NaN for float types. Returns null or the first difference.</summary>
    public static string? Compare(DataType type, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        if (expected.Length != actual.Length)
        {
            return $"lengths differ: expected {expected.Length} bytes, got {actual.Length}";
        }

        int size = type.ItemSize;
        for (int i = 0; i < expected.Length; i += size)
        {
            var e = expected.Slice(i, size);
            var a = actual.Slice(i, size);
            if (e.SequenceEqual(a))
            {
                continue;
            }

            bool bothNaN = type.Kind switch
            {
                DataTypeKind.Float32 => float.IsNaN(BinaryPrimitives.ReadSingleLittleEndian(e)) && float.IsNaN(BinaryPrimitives.ReadSingleLittleEndian(a)),
                DataTypeKind.Float64 => double.IsNaN(BinaryPrimitives.ReadDoubleLittleEndian(e)) && double.IsNaN(BinaryPrimitives.ReadDoubleLittleEndian(a)),
                _ => false,
            };
            if (!bothNaN)
            {
                return $"element {i / size} differs: expected {Convert.ToHexString(e)}, got {Convert.ToHexString(a)}";
            }
        }

        return null;
    }
}
