using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Tessera.Codecs;
using Tessera.DataTypes;
using Tessera.Zarr;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs;
using ZstdSharp;

namespace Tessera.Storage.Tests.Zarr.V3.Codecs;

// Spec references are to the Zarr v3.0 core specification ("Codecs") and the codec specifications,
// https://zarr-specs.readthedocs.io/en/latest/v3/core/v3.0.html and .../v3/codecs/{bytes,transpose,gzip,zstd,blosc,crc32c}/.
public sealed class V3CodecPipelineTests
{
    private const string Source = "data/raw.zarr/zarr.json";

    private static readonly V3Codec BytesLittle = Codec("""{"name": "bytes", "configuration": {"endian": "little"}}""");
    private static readonly V3Codec BytesBig = Codec("""{"name": "bytes", "configuration": {"endian": "big"}}""");

    // codecs/bytes: elements in C order, each in the configured byte order.
    [Fact]
    public void V3CodecPipeline_BytesBigEndianSwapsEachElement()
    {
        var pipeline = Create([BytesBig], "uint16", [2, 3]);
        byte[] chunk = LittleEndianUInt16(1, 2, 3, 4, 5, 0x0102);

        byte[] stored = pipeline.Encode(chunk);

        Assert.Equal(new byte[] { 0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x05, 0x01, 0x02 }, stored);
        AssertDecodes(pipeline, stored, chunk);
    }

    [Fact]
    public void V3CodecPipeline_BytesLittleEndianStoresTheChunkAsIs()
    {
        var pipeline = Create([BytesLittle], "int32", [3]);
        byte[] chunk = [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x78, 0x56, 0x34, 0x12];

        Assert.Equal(chunk, pipeline.Encode(chunk));
    }

    // codecs/bytes: endian may be left out when the data type has 1-byte elements.
    [Fact]
    public void V3CodecPipeline_BytesWithoutEndianAcceptsOneByteTypes()
    {
        var pipeline = Create([Codec("""{"name": "bytes"}""")], "uint8", [4]);

        Assert.Equal(new byte[] { 1, 2, 3, 4 }, pipeline.Encode([1, 2, 3, 4]));
    }

    // codecs/transpose: order [1, 0] of a 2×3 chunk stores the 3×2 transpose, row by row.
    [Fact]
    public void V3CodecPipeline_TransposeOneZeroStoresColumnsFirst()
    {
        var pipeline = Create([Transpose(1, 0), BytesLittle], "uint8", [2, 3]);

        byte[] stored = pipeline.Encode([0, 1, 2, 3, 4, 5]);

        Assert.Equal(new byte[] { 0, 3, 1, 4, 2, 5 }, stored);
        AssertDecodes(pipeline, stored, [0, 1, 2, 3, 4, 5]);
    }

    // Transpose then bytes big-endian: the permutation moves whole elements, then each is swapped.
    [Fact]
    public void V3CodecPipeline_TransposeThenBigEndianMovesWholeElements()
    {
        var pipeline = Create([Transpose(1, 0), BytesBig], "uint16", [2, 3]);

        byte[] stored = pipeline.Encode(LittleEndianUInt16(0x0100, 0x0101, 0x0102, 0x0200, 0x0201, 0x0202));

        Assert.Equal(new byte[] { 0x01, 0x00, 0x02, 0x00, 0x01, 0x01, 0x02, 0x01, 0x01, 0x02, 0x02, 0x02 }, stored);
    }

    // codecs/transpose: encoded element j is decoded element i with i[order[k]] = j[k]; checked against that
    // rule written out as nested loops.
    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(1, 2, 0)]
    [InlineData(0, 2, 1)]
    [InlineData(0, 1, 2)]
    public void V3CodecPipeline_TransposeRankThreeFollowsTheSpecRule(int o0, int o1, int o2)
    {
        int[] order = [o0, o1, o2];
        int[] shape = [2, 3, 5];
        var pipeline = Create([Transpose(order), BytesLittle], "int32", shape);
        var chunk = new int[2 * 3 * 5];
        for (int n = 0; n < chunk.Length; n++)
        {
            chunk[n] = (n * 7919) + 1;
        }

        int[] encodedShape = [shape[order[0]], shape[order[1]], shape[order[2]]];
        var expected = new List<int>();
        var i = new int[3];
        for (int j0 = 0; j0 < encodedShape[0]; j0++)
        {
            for (int j1 = 0; j1 < encodedShape[1]; j1++)
            {
                for (int j2 = 0; j2 < encodedShape[2]; j2++)
                {
                    i[order[0]] = j0;
                    i[order[1]] = j1;
                    i[order[2]] = j2;
                    expected.Add(chunk[(i[0] * 15) + (i[1] * 5) + i[2]]);
                }
            }
        }

        byte[] stored = pipeline.Encode(LittleEndianInt32(chunk));

        Assert.Equal(LittleEndianInt32([.. expected]), stored);
        AssertDecodes(pipeline, stored, LittleEndianInt32(chunk));
    }

    // codecs/crc32c: the input followed by the 4-byte little-endian CRC-32C of the input.
    [Fact]
    public void V3CodecPipeline_Crc32cAppendsLittleEndianChecksum()
    {
        var pipeline = Create([BytesBig, Codec("""{"name": "crc32c"}""")], "uint16", [2, 3]);
        byte[] big = [0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00, 0x06];
        byte[] expected = [.. big, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(big.Length), Crc32C.Compute(big));
        byte[] chunk = LittleEndianUInt16(1, 2, 3, 4, 5, 6);

        byte[] stored = pipeline.Encode(chunk);

        Assert.Equal(expected, stored);
        AssertDecodes(pipeline, stored, chunk);
    }

    [Fact]
    public void V3CodecPipeline_Crc32cRejectsACorruptChunk()
    {
        var pipeline = Create([BytesLittle, Codec("""{"name": "crc32c"}""")], "uint16", [2, 3]);
        byte[] stored = pipeline.Encode(LittleEndianUInt16(1, 2, 3, 4, 5, 6));
        stored[3] ^= 0x40;

        var ex = Assert.Throws<CodecException>(() => pipeline.Decode(stored, new byte[12]));
        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
    }

    // codecs/gzip: a gzip member (RFC 1952), readable by any gzip reader.
    [Fact]
    public void V3CodecPipeline_GzipOutputDecodesWithGZipStream()
    {
        var pipeline = Create([BytesLittle, Codec("""{"name": "gzip", "configuration": {"level": 6}}""")], "float32", [7, 11]);
        byte[] chunk = RandomBytes(7 * 11 * 4, seed: 11);

        byte[] stored = pipeline.Encode(chunk);

        using var input = new MemoryStream(stored);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        Assert.Equal(chunk, output.ToArray());
        AssertDecodes(pipeline, stored, chunk);
    }

    // codecs/zstd: one Zstandard frame; "checksum" sets the frame's Content_Checksum_flag (RFC 8878, bit 2 of the
    // Frame_Header_Descriptor that follows the 4-byte magic number).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void V3CodecPipeline_ZstdOutputDecodesWithZstdSharp(bool checksum)
    {
        string json = $$$"""{"name": "zstd", "configuration": {"level": 3, "checksum": {{{(checksum ? "true" : "false")}}}}}""";
        var pipeline = Create([BytesLittle, Codec(json)], "int16", [193]);
        byte[] chunk = RepetitiveBytes(193 * 2);

        byte[] stored = pipeline.Encode(chunk);

        Assert.Equal(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, stored[..4]);
        Assert.Equal(checksum, (stored[4] & 0x04) != 0);
        using var decompressor = new Decompressor();
        Assert.Equal(chunk, decompressor.Unwrap(stored).ToArray());
        AssertDecodes(pipeline, stored, chunk);
    }

    // codecs/blosc: the v3 configuration (shuffle by name, explicit typesize) maps onto a Blosc-1 frame whose
    // header records the type size (byte 3) and the uncompressed size (bytes 4-7).
    [Theory]
    [InlineData("lz4", "shuffle", 4)]
    [InlineData("lz4hc", "bitshuffle", 4)]
    [InlineData("zstd", "noshuffle", 1)]
    [InlineData("zlib", "shuffle", 2)]
    public void V3CodecPipeline_BloscWritesTheConfiguredFrame(string cname, string shuffle, int typeSize)
    {
        string json = $$$"""{"name": "blosc", "configuration": {"cname": "{{{cname}}}", "clevel": 5, "shuffle": "{{{shuffle}}}", "typesize": {{{typeSize}}}, "blocksize": 0}}""";
        var pipeline = Create([BytesLittle, Codec(json)], "float32", [13, 17]);
        byte[] chunk = RepetitiveBytes(13 * 17 * 4);

        byte[] stored = pipeline.Encode(chunk);

        Assert.Equal(typeSize, stored[3]);
        Assert.Equal(chunk.Length, BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(4)));
        AssertDecodes(pipeline, stored, chunk);
    }

    // Core spec "Codecs": any number of array → array codecs, one array → bytes codec, any number of bytes → bytes
    // codecs; a round trip through all of them for every item size and awkward shapes.
    [Theory]
    [InlineData("bool", new[] { 7, 2 })]
    [InlineData("int8", new[] { 3, 5 })]
    [InlineData("uint16", new[] { 1, 7 })]
    [InlineData("int32", new[] { 5, 3 })]
    [InlineData("float32", new[] { 13, 4 })]
    [InlineData("int64", new[] { 2, 9 })]
    [InlineData("float64", new[] { 6, 6 })]
    public void V3CodecPipeline_TransposeBigEndianBloscCrc32cRoundTrips(string dataType, int[] chunkShape)
    {
        V3Codec[] codecs =
        [
            Transpose(1, 0),
            BytesBig,
            Codec("""{"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 4, "blocksize": 0}}"""),
            Codec("""{"name": "crc32c"}"""),
        ];
        var pipeline = Create(codecs, dataType, chunkShape);
        byte[] chunk = RandomBytes(pipeline.DecodedLength, seed: chunkShape[0] * 31);

        byte[] stored = pipeline.Encode(chunk);

        AssertDecodes(pipeline, stored, chunk);
    }

    [Theory]
    [InlineData("""{"name": "gzip", "configuration": {"level": 0}}""")]
    [InlineData("""{"name": "gzip", "configuration": {"level": 9}}""")]
    [InlineData("""{"name": "zstd", "configuration": {"level": -5, "checksum": true}}""")]
    [InlineData("""{"name": "blosc", "configuration": {"cname": "zstd", "clevel": 9, "shuffle": "bitshuffle", "typesize": 8, "blocksize": 256}}""")]
    [InlineData("""{"name": "crc32c"}""")]
    public void V3CodecPipeline_EachBytesCodecRoundTrips(string json)
    {
        var pipeline = Create([Transpose(2, 1, 0), BytesLittle, Codec(json)], "float64", [3, 1, 4]);
        byte[] chunk = RandomBytes(pipeline.DecodedLength, seed: json.Length);

        AssertDecodes(pipeline, pipeline.Encode(chunk), chunk);
    }

    [Fact]
    public void V3CodecPipeline_ChainedCompressorsRoundTrip()
    {
        V3Codec[] codecs =
        [
            BytesBig,
            Codec("""{"name": "zstd", "configuration": {"level": 1, "checksum": false}}"""),
            Codec("""{"name": "gzip", "configuration": {"level": 1}}"""),
            Codec("""{"name": "crc32c"}"""),
        ];
        var pipeline = Create(codecs, "uint32", [193]);
        byte[] chunk = RepetitiveBytes(193 * 4);

        AssertDecodes(pipeline, pipeline.Encode(chunk), chunk);
    }

    [Fact]
    public void V3CodecPipeline_ZeroDimensionalChunkRoundTrips()
    {
        var pipeline = Create([Transpose(), BytesBig], "float64", []);
        byte[] chunk = [1, 2, 3, 4, 5, 6, 7, 8];

        byte[] stored = pipeline.Encode(chunk);

        Assert.Equal(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 }, stored);
        AssertDecodes(pipeline, stored, chunk);
    }

    [Fact]
    public void V3CodecPipeline_ReportsItsCodecsAndSizes()
    {
        var pipeline = Create([Transpose(1, 0), BytesLittle, Codec("""{"name": "crc32c"}""")], "uint16", [2, 3]);

        Assert.Equal(["transpose", "bytes", "crc32c"], pipeline.Names);
        Assert.Equal([2, 3], pipeline.ChunkShape);
        Assert.Equal(12, pipeline.DecodedLength);
    }

    [Fact]
    public void V3CodecPipeline_RejectsAStoredChunkOfTheWrongSize()
    {
        var pipeline = Create([BytesLittle, Codec("""{"name": "crc32c"}""")], "uint16", [2, 3]);
        byte[] shortChunk = [1, 2, 3, 4, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(shortChunk.AsSpan(4), Crc32C.Compute(shortChunk.AsSpan(0, 4)));

        var ex = Assert.Throws<CodecException>(() => pipeline.Decode(shortChunk, new byte[12]));
        Assert.Contains("4 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Throws<CodecException>(() => Create([BytesLittle], "uint16", [2, 3]).Decode(new byte[10], new byte[12]));
    }

    [Fact]
    public void V3CodecPipeline_RejectsAChunkBufferOfTheWrongSize()
    {
        var pipeline = Create([BytesLittle], "uint16", [2, 3]);

        Assert.Throws<ArgumentException>(() => pipeline.Encode(new byte[10]));
        Assert.Throws<ArgumentException>(() => pipeline.Decode(new byte[12], new byte[10]));
    }

    [Theory]
    // Names.
    [InlineData("""[{"name": "foo"}]""", "Tessera does not support the v3 codec 'foo'; supported: transpose, bytes")]
    [InlineData("""[{"name": "sharding_indexed", "configuration": {}}]""", "must be the only codec")]
    // Core spec "Codecs": exactly one array → bytes codec, and the three kinds in order.
    [InlineData("""[]""", "no array → bytes codec")]
    [InlineData("""[{"name": "transpose", "configuration": {"order": [1, 0]}}]""", "no array → bytes codec")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "bytes", "configuration": {"endian": "big"}}]""", "exactly one array → bytes codec")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "transpose", "configuration": {"order": [1, 0]}}]""", "codec 'transpose' is an array → array codec but comes after 'bytes'")]
    [InlineData("""[{"name": "gzip", "configuration": {"level": 1}}, {"name": "bytes", "configuration": {"endian": "little"}}]""", "codec 'gzip' is a bytes → bytes codec but comes before")]
    // codecs/bytes.
    [InlineData("""[{"name": "bytes"}]""", "codec 'bytes': field 'endian' is required for the uint16")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "middle"}}]""", "codec 'bytes': field 'endian' is \"middle\"; expected one of \"little\", \"big\"")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little", "order": "C"}}]""", "codec 'bytes': unknown configuration field 'order'")]
    // codecs/transpose.
    [InlineData("""[{"name": "transpose"}, {"name": "bytes", "configuration": {"endian": "little"}}]""", "codec 'transpose': field 'order' must be a permutation of 0..1")]
    [InlineData("""[{"name": "transpose", "configuration": {"order": [0, 0]}}, {"name": "bytes", "configuration": {"endian": "little"}}]""", "codec 'transpose': field 'order' is [0,0]")]
    [InlineData("""[{"name": "transpose", "configuration": {"order": [0]}}, {"name": "bytes", "configuration": {"endian": "little"}}]""", "codec 'transpose': field 'order' is [0]")]
    [InlineData("""[{"name": "transpose", "configuration": {"order": [0, 2]}}, {"name": "bytes", "configuration": {"endian": "little"}}]""", "codec 'transpose': field 'order' is [0,2]")]
    [InlineData("""[{"name": "transpose", "configuration": {"order": "F"}}, {"name": "bytes", "configuration": {"endian": "little"}}]""", "codec 'transpose': field 'order' must be")]
    // codecs/gzip, zstd, blosc, crc32c.
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "gzip", "configuration": {"level": 10}}]""", "codec 'gzip': field 'level' is 10; expected 0 to 9")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "gzip"}]""", "codec 'gzip': field 'level' must be an integer; found nothing")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "zstd", "configuration": {"level": 23}}]""", "codec 'zstd': field 'level' is 23")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "zstd", "configuration": {"level": 3, "checksum": "yes"}}]""", "codec 'zstd': field 'checksum' must be true or false")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": 1, "typesize": 2}}]""", "codec 'blosc': field 'shuffle' is 1; expected one of \"noshuffle\", \"shuffle\", \"bitshuffle\"")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "lzma", "clevel": 5, "shuffle": "shuffle"}}]""", "codec 'blosc': field 'cname' is \"lzma\"")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "snappy", "clevel": 5, "shuffle": "shuffle"}}]""", "codec 'blosc': cname \"snappy\" is not supported")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 10, "shuffle": "shuffle"}}]""", "codec 'blosc': field 'clevel' is 10")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 0}}]""", "codec 'blosc': field 'typesize' is 0")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "blocksize": -1}}]""", "codec 'blosc': field 'blocksize' is -1")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c", "configuration": {"location": "start"}}]""", "codec 'crc32c': unknown configuration field 'location'; it takes no configuration")]
    public void V3CodecPipeline_RejectsInvalidCodecLists(string json, string expected)
    {
        var codecs = JsonNode.Parse(json)!.AsArray().Select(n => Codec(n!.ToJsonString())).ToArray();

        var ex = Assert.Throws<ZarrFormatException>(() => Create(codecs, "uint16", [2, 3]));

        Assert.StartsWith($"'{Source}': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static V3CodecPipeline Create(V3Codec[] codecs, string dataType, int[] chunkShape)
    {
        Assert.True(V3DataTypes.TryParse(dataType, out DataType type));
        return V3CodecPipeline.Create(codecs, type, chunkShape, Source);
    }

    private static V3Codec Codec(string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        return new V3Codec(obj["name"]!.GetValue<string>(), obj["configuration"]?.DeepClone().AsObject());
    }

    private static V3Codec Transpose(params int[] order) =>
        new("transpose", new JsonObject { ["order"] = new JsonArray([.. order.Select(o => (JsonNode)o)]) });

    private static void AssertDecodes(V3CodecPipeline pipeline, byte[] stored, byte[] expected)
    {
        var chunk = new byte[pipeline.DecodedLength];
        pipeline.Decode(stored, chunk);
        Assert.Equal(expected, chunk);
    }

    private static byte[] LittleEndianUInt16(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    private static byte[] LittleEndianInt32(int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    // Compressible but not trivial: a slow ramp with a short period.
    private static byte[] RepetitiveBytes(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i / 3) % 17);
        }

        return bytes;
    }
}
