using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Tessera.Codecs;
using Tessera.Codecs.Blosc;
using Tessera.DataTypes;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>Configuration, round trips and frame layout of <see cref="BloscCodec"/>.</summary>
public sealed class BloscCodecTests
{
    public static TheoryData<BloscCompressor, BloscShuffle, int, int> RoundTripCases()
    {
        var data = new TheoryData<BloscCompressor, BloscShuffle, int, int>();
        foreach (var compressor in new[] { BloscCompressor.Lz4, BloscCompressor.Lz4HC, BloscCompressor.Zlib, BloscCompressor.Zstd })
        {
            foreach (var shuffle in new[] { BloscShuffle.None, BloscShuffle.Byte, BloscShuffle.Bit, BloscShuffle.Auto })
            {
                foreach (int typeSize in new[] { 1, 2, 4, 8 })
                {
                    foreach (int items in new[] { 0, 1, 63, 64, 65, 193, 20_011 })
                    {
                        data.Add(compressor, shuffle, typeSize, items);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void BloscCodec_RoundTrips(BloscCompressor compressor, BloscShuffle shuffle, int typeSize, int items)
    {
        byte[] source = BloscTestData.SmoothNoise(items, typeSize, seed: items + typeSize);
        // Level 9 (zstd's slowest setting) only on small inputs, to keep the test quick.
        foreach (int level in items > 1000 ? [0, 1, 5] : new[] { 0, 1, 5, 9 })
        {
            foreach (int blockSize in new[] { 0, 256, 4099 })
            {
                var codec = new BloscCodec(compressor, level, shuffle, blockSize, typeSize);
                Assert.Equal(source, RoundTrip(codec, source));
            }
        }
    }

    [Fact]
    public void BloscCodec_EncodesEmptyBufferAsHeaderOnly()
    {
        var codec = new BloscCodec();
        var frame = new byte[codec.GetMaxEncodedLength(0)];

        Assert.Equal(16, codec.Encode([], frame));
        Assert.Equal(0, codec.Decode(frame, []));
    }

    [Fact]
    public void BloscCodec_StoresIncompressibleDataAsPlainCopy()
    {
        byte[] source = BloscTestData.RandomBytes(100_000, seed: 1);
        var codec = new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Byte, 0, 2);
        var frame = new byte[codec.GetMaxEncodedLength(source.Length)];

        int length = codec.Encode(source, frame);

        Assert.Equal(source.Length + 16, length);
        Assert.Equal(0x02, frame[2] & 0x02);
        Assert.Equal(source, RoundTrip(codec, source));
    }

    [Fact]
    public void BloscCodec_LevelZeroWritesPlainCopy()
    {
        byte[] source = BloscTestData.SmoothNoise(10_000, 2, seed: 2);
        var codec = new BloscCodec(BloscCompressor.Zstd, 0, BloscShuffle.Bit, 0, 2);
        var frame = new byte[codec.GetMaxEncodedLength(source.Length)];

        Assert.Equal(source.Length + 16, codec.Encode(source, frame));
        Assert.Equal(0x02 | 0x04, frame[2] & 0x0F);
        Assert.Equal(source, frame[16..(16 + source.Length)]);
    }

    [Fact]
    public void BloscCodec_WritesHeaderFields()
    {
        byte[] source = BloscTestData.SmoothNoise(200_000, 2, seed: 3);
        var codec = new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Byte, 0, 2);
        var frame = new byte[codec.GetMaxEncodedLength(source.Length)];
        int length = codec.Encode(source, frame);

        Assert.Equal(2, frame[0]);
        Assert.Equal(1, frame[1]);
        Assert.Equal(0x01 | (1 << 5), frame[2]);
        Assert.Equal(2, frame[3]);
        Assert.Equal(source.Length, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(4)));
        Assert.Equal(256 * 1024, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(8)));
        Assert.Equal(length, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(12)));
        Assert.True(length < source.Length * 3 / 4, $"expected real compression, got {length} of {source.Length} bytes");
    }

    [Theory]
    [InlineData(BloscCompressor.Lz4, 5, 2, 0, 400_000, 256 * 1024)]
    [InlineData(BloscCompressor.Lz4, 1, 1, 0, 400_000, 64 * 1024)]
    [InlineData(BloscCompressor.Lz4, 9, 8, 0, 4_000_000, 1024 * 1024)]
    [InlineData(BloscCompressor.Zstd, 5, 2, 0, 400_000, 256 * 1024)]
    [InlineData(BloscCompressor.Zstd, 1, 4, 0, 400_000, 32 * 1024)]
    [InlineData(BloscCompressor.Lz4, 5, 2, 1000, 400_000, 64 * 1024)]
    [InlineData(BloscCompressor.Zstd, 5, 4, 1000, 400_000, 1000)]
    [InlineData(BloscCompressor.Zstd, 5, 7, 1000, 400_000, 994)]
    [InlineData(BloscCompressor.Lz4, 5, 2, 0, 1000, 1000)]
    [InlineData(BloscCompressor.Lz4, 5, 4, 0, 2, 1)]
    public void BloscEncoder_ComputesBlockSizeLikeCBlosc(BloscCompressor compressor, int level, int typeSize, int forced, int length, int expected)
    {
        Assert.Equal(expected, BloscEncoder.ComputeBlockSize(compressor, level, typeSize, length, forced));
    }

    [Fact]
    public void BloscCodec_ParsesNumcodecsJson()
    {
        var json = (JsonObject)JsonNode.Parse("""{"id": "blosc", "cname": "zstd", "clevel": 3, "shuffle": 2, "blocksize": 4096}""")!;

        var codec = BloscCodec.FromJson(json, DataType.Parse("<u2"));

        Assert.Equal(BloscCompressor.Zstd, codec.Compressor);
        Assert.Equal(3, codec.Level);
        Assert.Equal(BloscShuffle.Bit, codec.Shuffle);
        Assert.Equal(4096, codec.BlockSize);
        Assert.Equal(2, codec.TypeSize);
        Assert.Equal(json.ToJsonString(), codec.ToJson().ToJsonString());
    }

    [Fact]
    public void BloscCodec_UsesNumcodecsDefaults()
    {
        var codec = BloscCodec.FromJson(new JsonObject { ["id"] = "blosc" }, DataType.Parse("<f8"));

        Assert.Equal("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""", codec.ToJson().ToJsonString());
        Assert.Equal(8, codec.TypeSize);
    }

    [Theory]
    [InlineData("|u1", BloscShuffle.Bit)]
    [InlineData("<u2", BloscShuffle.Byte)]
    [InlineData("<f8", BloscShuffle.Byte)]
    public void BloscCodec_AutoShuffleFollowsItemSize(string dataType, BloscShuffle expected)
    {
        var codec = BloscCodec.FromJson(new JsonObject { ["id"] = "blosc", ["shuffle"] = -1 }, DataType.Parse(dataType));

        Assert.Equal(BloscShuffle.Auto, codec.Shuffle);
        Assert.Equal(expected, codec.EffectiveShuffle);
        Assert.Equal(-1, (int)codec.ToJson()["shuffle"]!);
    }

    [Fact]
    public void BloscCodec_IsInTheDefaultRegistry()
    {
        var codec = CodecRegistry.Default.Create(new JsonObject { ["id"] = "blosc", ["cname"] = "lz4hc" }, DataType.Parse("<u4"));

        var blosc = Assert.IsType<BloscCodec>(codec);
        Assert.Equal(BloscCompressor.Lz4HC, blosc.Compressor);
        Assert.Equal(4, blosc.TypeSize);
    }

    [Theory]
    [InlineData("""{"id": "blosc", "cname": "lzma"}""", "lzma")]
    [InlineData("""{"id": "blosc", "clevel": 10}""", "level 10")]
    [InlineData("""{"id": "blosc", "shuffle": 3}""", "shuffle 3")]
    [InlineData("""{"id": "blosc", "blocksize": -1}""", "blocksize -1")]
    [InlineData("""{"id": "blosc", "clevel": "high"}""", "clevel")]
    public void BloscCodec_RejectsInvalidConfiguration(string json, string expectedInMessage)
    {
        var ex = Assert.Throws<CodecException>(() => BloscCodec.FromJson((JsonObject)JsonNode.Parse(json)!, DataType.Parse("<u2")));
        Assert.Contains(expectedInMessage, ex.Message);
    }

    [Theory]
    [InlineData("blosclz")]
    [InlineData("snappy")]
    public void BloscCodec_ReadsButDoesNotWrite(string cname)
    {
        var codec = BloscCodec.FromJson(new JsonObject { ["id"] = "blosc", ["cname"] = cname }, DataType.Parse("<u2"));

        var ex = Assert.Throws<CodecException>(() => codec.Encode(new byte[1000], new byte[1016]));
        Assert.Contains(cname, ex.Message);
    }

    [Fact]
    public void BloscCodec_RejectsShortDestination()
    {
        var codec = new BloscCodec();
        Assert.Equal(1016, codec.GetMaxEncodedLength(1000));
        Assert.Throws<ArgumentException>(() => codec.Encode(new byte[1000], new byte[1015]));
    }

    [Fact]
    public void BloscCodec_IsThreadSafe()
    {
        byte[][] sources = [.. Enumerable.Range(0, 8).Select(i => BloscTestData.SmoothNoise(50_000 + i, 4, seed: i))];
        var codec = new BloscCodec(BloscCompressor.Zstd, 3, BloscShuffle.Bit, 0, 4);

        Parallel.For(0, 64, i => Assert.Equal(sources[i % 8], RoundTrip(codec, sources[i % 8])));
    }

    [Theory]
    [InlineData(BloscCompressor.Lz4, BloscShuffle.Byte)]
    [InlineData(BloscCompressor.Lz4, BloscShuffle.Bit)]
    [InlineData(BloscCompressor.Zstd, BloscShuffle.Byte)]
    [InlineData(BloscCompressor.Lz4HC, BloscShuffle.None)]
    public void BloscCodec_DecodeAllocatesNoBuffers(BloscCompressor compressor, BloscShuffle shuffle)
    {
        byte[] source = BloscTestData.SmoothNoise(500_000, 2, seed: 4);
        var codec = new BloscCodec(compressor, 5, shuffle, 0, 2);
        var frame = new byte[codec.GetMaxEncodedLength(source.Length)];
        var encoded = frame.AsSpan(0, codec.Encode(source, frame)).ToArray();
        var destination = new byte[source.Length];
        codec.Decode(encoded, destination);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            codec.Decode(encoded, destination);
        }

        // A scratch buffer per decode would cost hundreds of KB; small one-off allocations by the runtime
        // (tiered compilation, pool bookkeeping) are allowed, so the bound is 1% of the decoded bytes.
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 10 * source.Length / 100, $"10 decodes of {source.Length} bytes allocated {allocated} bytes");
        Assert.Equal(source, destination);
    }

    internal static byte[] RoundTrip(BloscCodec codec, byte[] source)
    {
        var frame = new byte[codec.GetMaxEncodedLength(source.Length)];
        int length = codec.Encode(source, frame);
        Assert.InRange(length, 16, source.Length + 16);
        Assert.Equal(length, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(12)));
        var decoded = new byte[source.Length];
        Assert.Equal(source.Length, codec.Decode(frame.AsSpan(0, length), decoded));
        return decoded;
    }
}
