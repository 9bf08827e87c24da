using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Tessera.Storage.Tests.Codecs;

namespace Tessera.Storage.Tests.Zarr.V3;

/// <summary>
/// Builds v3 <c>zarr.json</c> text and chunk bytes by hand from the core spec's rules, sharing no code with Tessera's
/// writer: element bytes from <see cref="BinaryPrimitives"/>, gzip from <see cref="GZipStream"/>, crc32c from
/// <see cref="Crc32CReference"/>.
/// </summary>
internal static class V3TestData
{
    public const string BytesLittle = """{"name": "bytes", "configuration": {"endian": "little"}}""";
    public const string BytesBig = """{"name": "bytes", "configuration": {"endian": "big"}}""";
    public const string Crc32C = """{"name": "crc32c"}""";

    public static readonly string[] DataTypes = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"];

    /// <summary>An array <c>zarr.json</c>; <paramref name="extra"/> is appended inside the object (e.g. <c>, "dimension_names": [...]</c>).</summary>
    public static byte[] ArrayDocument(
        string shape, string dataType, string chunkShape, string fillValue, string codecs, string keyEncoding = """{"name": "default"}""", string extra = "") =>
        Encoding.UTF8.GetBytes($$$"""
            {
                "zarr_format": 3,
                "node_type": "array",
                "shape": {{{shape}}},
                "data_type": "{{{dataType}}}",
                "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": {{{chunkShape}}}}},
                "chunk_key_encoding": {{{keyEncoding}}},
                "fill_value": {{{fillValue}}},
                "codecs": {{{codecs}}},
                "attributes": {}{{{extra}}}
            }
            """);

    public static int ItemSize(string dataType) => dataType switch
    {
        "bool" or "int8" or "uint8" => 1,
        "int16" or "uint16" => 2,
        "int32" or "uint32" or "float32" => 4,
        _ => 8,
    };

    /// <summary>The little-endian bytes of element number <paramref name="n"/> of a test pattern: negatives for signed types, fractions for floats.</summary>
    public static byte[] Element(string dataType, long n)
    {
        var bytes = new byte[ItemSize(dataType)];
        switch (dataType)
        {
            case "bool": bytes[0] = (byte)(n % 3 == 0 ? 1 : 0); break;
            case "int8": bytes[0] = (byte)(sbyte)((n * 7 % 256) - 128); break;
            case "uint8": bytes[0] = (byte)((n * 13) + 1); break;
            case "int16": BinaryPrimitives.WriteInt16LittleEndian(bytes, (short)((n * 1021) - 30000)); break;
            case "uint16": BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)((n * 2039) + 7)); break;
            case "int32": BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)((n * 100_003) - 2_000_000_000)); break;
            case "uint32": BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)((n * 4_000_037) + 3_000_000_000)); break;
            case "int64": BinaryPrimitives.WriteInt64LittleEndian(bytes, (n * 1_000_000_000_007) - long.MaxValue / 2); break;
            case "uint64": BinaryPrimitives.WriteUInt64LittleEndian(bytes, ((ulong)n * 3_000_000_000_000_001) + (ulong.MaxValue / 2)); break;
            case "float32": BinaryPrimitives.WriteSingleLittleEndian(bytes, (n * 0.25f) - 3.5f); break;
            case "float64": BinaryPrimitives.WriteDoubleLittleEndian(bytes, (n * 1e-3) - 1e10); break;
            default: throw new ArgumentOutOfRangeException(nameof(dataType), dataType, null);
        }

        return bytes;
    }

    /// <summary>Reverses each item's bytes: little-endian to big-endian (core spec, codecs/bytes "endian").</summary>
    public static byte[] SwapItems(byte[] data, int itemSize)
    {
        var swapped = (byte[])data.Clone();
        for (int i = 0; i < swapped.Length; i += itemSize)
        {
            Array.Reverse(swapped, i, itemSize);
        }

        return swapped;
    }

    /// <summary>A gzip member of <paramref name="data"/> (codecs/gzip: RFC 1952), made by .NET's GZipStream.</summary>
    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary><paramref name="data"/> followed by its CRC-32C, little-endian (codecs/crc32c).</summary>
    public static byte[] WithCrc32C(byte[] data)
    {
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32CReference.Compute(data));
        return [.. data, .. crc];
    }

    /// <summary>C-order strides (in elements) of <paramref name="shape"/>.</summary>
    public static long[] Strides(IReadOnlyList<long> shape)
    {
        var strides = new long[shape.Count];
        long stride = 1;
        for (int i = shape.Count - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return strides;
    }

    /// <summary>Every index of a box of <paramref name="shape"/>, in C order.</summary>
    public static IEnumerable<long[]> Indices(IReadOnlyList<long> shape)
    {
        if (shape.Any(s => s == 0))
        {
            yield break;
        }

        var index = new long[shape.Count];
        while (true)
        {
            yield return (long[])index.Clone();
            int axis = shape.Count - 1;
            while (axis >= 0 && ++index[axis] == shape[axis])
            {
                index[axis--] = 0;
            }

            if (axis < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// The decoded bytes of chunk <paramref name="chunk"/> (core spec, "Chunk grids": every chunk, edge chunks too, has
    /// the full chunk shape): element (i...) of the array holds <c>value(linear index in the array)</c>; positions past
    /// the array's edge hold 0xEE bytes, which readers must ignore.
    /// </summary>
    public static byte[] Chunk(long[] arrayShape, long[] chunkShape, long[] chunk, int itemSize, Func<long, byte[]> value)
    {
        long[] arrayStrides = Strides(arrayShape);
        var bytes = new List<byte>();
        foreach (long[] inChunk in Indices(chunkShape))
        {
            long linear = 0;
            bool inside = true;
            for (int axis = 0; axis < inChunk.Length; axis++)
            {
                long global = (chunk[axis] * chunkShape[axis]) + inChunk[axis];
                inside &= global < arrayShape[axis];
                linear += global * arrayStrides[axis];
            }

            bytes.AddRange(inside ? value(linear) : Enumerable.Repeat((byte)0xEE, itemSize));
        }

        return [.. bytes];
    }

    /// <summary>The expected whole array: <c>value(linear)</c>, or <paramref name="fill"/> where <paramref name="missing"/> says the chunk was not stored.</summary>
    public static byte[] Expected(long[] arrayShape, long[] chunkShape, Func<long, byte[]> value, byte[] fill, Func<long[], bool> missing)
    {
        var bytes = new List<byte>();
        long linear = 0;
        foreach (long[] index in Indices(arrayShape))
        {
            long[] chunk = [.. index.Select((x, axis) => x / chunkShape[axis])];
            bytes.AddRange(missing(chunk) ? fill : value(linear));
            linear++;
        }

        return [.. bytes];
    }

    /// <summary>
    /// Applies <c>transpose</c> with <paramref name="order"/> to a C-order chunk (codecs/transpose: the encoded array's
    /// axis i is the decoded array's axis order[i], so encoded[j_0, ...] = decoded[i] with i[order[k]] = j_k).
    /// </summary>
    public static byte[] Transpose(byte[] chunk, long[] shape, int[] order, int itemSize)
    {
        long[] encodedShape = [.. order.Select(o => shape[o])];
        long[] decodedStrides = Strides(shape);
        var result = new byte[chunk.Length];
        long j = 0;
        foreach (long[] encoded in Indices(encodedShape))
        {
            long source = 0;
            for (int k = 0; k < order.Length; k++)
            {
                source += encoded[k] * decodedStrides[order[k]];
            }

            Array.Copy(chunk, source * itemSize, result, j * itemSize, itemSize);
            j++;
        }

        return result;
    }
}
