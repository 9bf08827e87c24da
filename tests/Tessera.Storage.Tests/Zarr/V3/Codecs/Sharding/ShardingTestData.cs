using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Tessera.DataTypes;
using Tessera.Storage.Tests.Codecs;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs.Sharding;

namespace Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding;

/// <summary>Builds sharding metadata and expected shard bytes by hand, from the spec's rules rather than the codec.</summary>
internal static class ShardingTestData
{
    public const string Source = "data/sharded.zarr/zarr.json";
    public const string ShardSource = "data/sharded.zarr/c/0/0";

    public const string BytesLittle = """[{"name": "bytes", "configuration": {"endian": "little"}}]""";
    public const string BytesBig = """[{"name": "bytes", "configuration": {"endian": "big"}}]""";
    public const string IndexLittleCrc = """[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}]""";
    public const string IndexBig = """[{"name": "bytes", "configuration": {"endian": "big"}}]""";

    public const ulong Empty = ulong.MaxValue;

    /// <summary>A <c>sharding_indexed</c> codec entry; <paramref name="location"/> null leaves index_location out.</summary>
    public static V3Codec ShardingEntry(string chunkShape, string codecs = BytesLittle, string indexCodecs = IndexLittleCrc, string? location = null)
    {
        string locationField = location is null ? string.Empty : $", \"index_location\": \"{location}\"";
        string json = $$"""{"chunk_shape": {{chunkShape}}, "codecs": {{codecs}}, "index_codecs": {{indexCodecs}}{{locationField}}}""";
        return new V3Codec(ShardingCodec.CodecName, JsonNode.Parse(json)!.AsObject());
    }

    public static V3Codec Codec(string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        return new V3Codec(obj["name"]!.GetValue<string>(), obj["configuration"]?.DeepClone().AsObject());
    }

    public static DataType Type(string name)
    {
        Assert.True(V3DataTypes.TryParse(name, out DataType type));
        return type;
    }

    public static ShardingCodec Create(V3Codec sharding, string dataType, int[] shardShape) =>
        ShardingCodec.Create([sharding], Type(dataType), shardShape, Source);

    /// <summary>
    /// The encoded index (codecs/sharding-indexed, "Binary shard format"): a uint64 (offset, nbytes) pair per inner
    /// chunk in C order, written in the bytes codec's order, then with crc32c the 4-byte little-endian CRC-32C of those bytes.
    /// </summary>
    public static byte[] Index(bool bigEndian, bool checksum, params (ulong Offset, ulong NBytes)[] entries)
    {
        var raw = new byte[entries.Length * 16];
        for (int i = 0; i < entries.Length; i++)
        {
            WriteUInt64(raw.AsSpan(i * 16), entries[i].Offset, bigEndian);
            WriteUInt64(raw.AsSpan((i * 16) + 8), entries[i].NBytes, bigEndian);
        }

        if (!checksum)
        {
            return raw;
        }

        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32CReference.Compute(raw));
        return [.. raw, .. crc];
    }

    public static byte[] LittleEndianUInt16(IEnumerable<int> values) =>
        [.. values.SelectMany(v => new[] { (byte)v, (byte)(v >> 8) })];

    public static byte[] BigEndianUInt16(IEnumerable<int> values) =>
        [.. values.SelectMany(v => new[] { (byte)(v >> 8), (byte)v })];

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void WriteUInt64(Span<byte> destination, ulong value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination, value);
        }
    }
}
