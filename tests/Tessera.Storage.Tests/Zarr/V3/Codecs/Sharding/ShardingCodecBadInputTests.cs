using Tessera.Codecs;
using Tessera.Storage.Tests.Codecs;
using Tessera.Zarr;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs.Sharding;
using static Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding.ShardingTestData;

namespace Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding;

// Corrupt shards and invalid or unsupported sharding metadata: each error names the file and says what is wrong.
// Shards are uint16 [2, 4] with inner chunks [2, 2] (two inner chunks of 8 bytes), built by hand as in ShardingCodecTests.
public sealed class ShardingCodecBadInputTests
{
    private static readonly int[] ShardShape = [2, 4];
    private static readonly byte[] Chunk = LittleEndianUInt16([1, 2, 3, 4]);
    private static readonly byte[] ZeroFill = [0, 0];

    // "Binary shard format", crc32c index codec: a flipped index byte fails the checksum.
    [Fact]
    public void DecodeShard_CorruptIndexFailsTheChecksum()
    {
        var codec = Create(ShardingEntry("[2, 2]"), "uint16", ShardShape);
        byte[] stored = [.. Chunk, .. Chunk, .. Index(bigEndian: false, checksum: true, (0, 8), (8, 8))];
        stored[16 + 3] ^= 0x01;

        var ex = DecodeFails(codec, stored);

        Assert.Contains(ShardSource, ex.Message);
        Assert.Contains("checksum", ex.Message);
        uint stale = Crc32CReference.Compute(Index(bigEndian: false, checksum: false, (0, 8), (8, 8)));
        Assert.Contains($"0x{stale:X8}", ex.Message);
    }

    // The index says inner chunk [0, 1] lies at bytes 44..52, but the shard ends at byte 44.
    [Fact]
    public void DecodeShard_ShardShorterThanItsIndexSays()
    {
        var codec = Create(ShardingEntry("[2, 2]", location: "start"), "uint16", ShardShape);
        byte[] stored = [.. Index(bigEndian: false, checksum: true, (36, 8), (44, 8)), .. Chunk];

        var ex = DecodeFails(codec, stored);

        Assert.Contains(ShardSource, ex.Message);
        Assert.Contains("shorter than its index says: inner chunk [0, 1] needs bytes 44..52 but the shard has 44 bytes", ex.Message);
    }

    // Partial reads do not know the shard's length, so the same index decodes without that check.
    [Fact]
    public void DecodeIndex_WithoutShardLengthSkipsTheLengthCheck()
    {
        var codec = Create(ShardingEntry("[2, 2]", location: "start"), "uint16", ShardShape);

        var index = codec.DecodeIndex(Index(bigEndian: false, checksum: true, (36, 8), (44, 8)), shardLength: null, ShardSource);

        Assert.Equal((44L, 8L), index[1]);
    }

    // "Binary shard format": 2^64-1 marks a missing inner chunk only in both fields at once.
    [Theory]
    [InlineData(Empty, 8UL, "offset 2^64-1", "nbytes is 8")]
    [InlineData(8UL, Empty, "nbytes 2^64-1", "offset is 8")]
    public void DecodeShard_OneSidedEmptyMarkIsCorrupt(ulong offset, ulong nbytes, string marked, string other)
    {
        var codec = Create(ShardingEntry("[2, 2]"), "uint16", ShardShape);
        byte[] stored = [.. Chunk, .. Chunk, .. Index(bigEndian: false, checksum: true, (0, 8), (offset, nbytes))];

        var ex = DecodeFails(codec, stored);

        Assert.Contains(ShardSource, ex.Message);
        Assert.Contains("inner chunk [0, 1]", ex.Message);
        Assert.Contains(marked, ex.Message);
        Assert.Contains(other, ex.Message);
    }

    // An inner chunk may not lie inside the index: with the index at the end of a 44-byte shard, bytes 8..16 are index.
    [Fact]
    public void DecodeShard_ChunkOverlappingTheIndexIsCorrupt()
    {
        var codec = Create(ShardingEntry("[2, 2]"), "uint16", ShardShape);
        byte[] stored = [.. Chunk, .. Index(bigEndian: false, checksum: true, (0, 8), (8, 8))];

        var ex = DecodeFails(codec, stored);

        Assert.Contains("inner chunk [0, 1] at bytes 8..16 overlaps the shard index at bytes 8..44", ex.Message);
    }

    // With the index at the start, an offset below the index size points into the index, whatever the shard's length.
    [Fact]
    public void DecodeIndex_OffsetInsideAStartIndexIsCorrupt()
    {
        var codec = Create(ShardingEntry("[2, 2]", location: "start"), "uint16", ShardShape);

        var ex = Assert.Throws<ZarrFormatException>(() =>
            codec.DecodeIndex(Index(bigEndian: false, checksum: true, (0, 8), (36, 8)), shardLength: null, ShardSource));

        Assert.Contains("inner chunk [0, 0] at bytes 0..8 overlaps the shard index at bytes 0..36", ex.Message);
    }

    [Fact]
    public void DecodeIndex_WrongLengthIsReported()
    {
        var codec = Create(ShardingEntry("[2, 2]"), "uint16", ShardShape);

        var ex = Assert.Throws<ZarrFormatException>(() => codec.DecodeIndex(new byte[32], 100, ShardSource));

        Assert.Contains(ShardSource, ex.Message);
        Assert.Contains("32 bytes; expected 36", ex.Message);
    }

    [Fact]
    public void DecodeShard_ShardShorterThanTheIndexIsTruncated()
    {
        var codec = Create(ShardingEntry("[2, 2]"), "uint16", ShardShape);

        var ex = DecodeFails(codec, new byte[20]);

        Assert.Contains("the shard is 20 bytes, shorter than its 36-byte index", ex.Message);
    }

    // A corrupt gzip inner chunk: the error names the shard and the inner chunk and keeps the codec's error inside.
    [Fact]
    public void DecodeShard_CorruptInnerChunkNamesIt()
    {
        var codec = Create(
            ShardingEntry("[2, 2]", codecs: """[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "gzip", "configuration": {"level": 1}}]"""),
            "uint16",
            ShardShape);
        byte[] good = codec.EncodeShard(LittleEndianUInt16(Enumerable.Range(0, 8)), ZeroFill);
        var index = codec.DecodeIndex(good.AsSpan(good.Length - 36), good.Length, ShardSource);
        var (offset, length) = index[1];
        good.AsSpan((int)offset, (int)length).Fill(0x42);

        var ex = DecodeFails(codec, good);

        Assert.Contains(ShardSource, ex.Message);
        Assert.Contains("inner chunk [0, 1]", ex.Message);
        Assert.IsType<CodecException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void Create_IndexLocationMiddleIsRejected()
    {
        var ex = CreateFails([ShardingEntry("[2, 2]", location: "middle")]);

        Assert.Contains("'sharding_indexed'", ex.Message);
        Assert.Contains("index_location", ex.Message);
        Assert.Contains("\"start\", \"end\"", ex.Message);
    }

    // "Configuration parameters": the inner chunk shape must divide the shard shape on every axis.
    [Fact]
    public void Create_InnerShapeNotDividingTheShardIsRejected()
    {
        var ex = Assert.Throws<ZarrFormatException>(() => Create(ShardingEntry("[4, 4]"), "uint16", [8, 6]));

        Assert.Contains(Source, ex.Message);
        Assert.Contains("chunk_shape", ex.Message);
        Assert.Contains("[4, 4]", ex.Message);
        Assert.Contains("[8, 6]", ex.Message);
        Assert.Contains("axis 1", ex.Message);
    }

    [Theory]
    [InlineData("[2]")]
    [InlineData("[2, 0]")]
    [InlineData("[2, 2.5]")]
    [InlineData("\"2, 2\"")]
    public void Create_InvalidInnerShapeIsRejected(string chunkShape)
    {
        var ex = CreateFails([ShardingEntry(chunkShape)]);

        Assert.Contains("field 'chunk_shape'", ex.Message);
        Assert.Contains("2 positive integers", ex.Message);
    }

    [Fact]
    public void Create_NestedShardingIsRejected()
    {
        string inner = ShardingEntry("[1, 1]").ToJson().ToJsonString();

        var ex = CreateFails([ShardingEntry("[2, 2]", codecs: $"[{inner}]")]);

        Assert.Contains(Source, ex.Message);
        Assert.Contains("nested sharding is not supported", ex.Message);
    }

    // Tessera reads parts of shards, so sharding_indexed must be the array's only codec.
    [Theory]
    [InlineData("""{"name": "crc32c"}""", false)]
    [InlineData("""{"name": "transpose", "configuration": {"order": [1, 0]}}""", true)]
    public void Create_CodecAroundShardingIsRejected(string other, bool before)
    {
        V3Codec[] codecs = before ? [Codec(other), ShardingEntry("[2, 2]")] : [ShardingEntry("[2, 2]"), Codec(other)];

        var ex = CreateFails(codecs);

        Assert.Contains(Source, ex.Message);
        Assert.Contains("'sharding_indexed' must be the only codec", ex.Message);
    }

    // Only [bytes] and [bytes, crc32c] give the fixed-size index that Tessera reads with one ranged get.
    [Theory]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "gzip", "configuration": {"level": 1}}]""", "[bytes, gzip]")]
    [InlineData("""[{"name": "crc32c"}]""", "[crc32c]")]
    [InlineData("""[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}, {"name": "crc32c"}]""", "[bytes, crc32c, crc32c]")]
    public void Create_UnsupportedIndexCodecsAreRejected(string indexCodecs, string names)
    {
        var ex = CreateFails([ShardingEntry("[2, 2]", indexCodecs: indexCodecs)]);

        Assert.Contains(Source, ex.Message);
        Assert.Contains($"field 'index_codecs' is {names}", ex.Message);
        Assert.Contains("[bytes] or [bytes, crc32c]", ex.Message);
    }

    [Fact]
    public void Create_IndexBytesWithoutEndianIsRejected()
    {
        var ex = CreateFails([ShardingEntry("[2, 2]", indexCodecs: """[{"name": "bytes"}]""")]);

        Assert.Contains("index_codecs[0] 'bytes'", ex.Message);
        Assert.Contains("endian", ex.Message);
    }

    [Fact]
    public void Create_InvalidInnerCodecSaysItIsInsideSharding()
    {
        var ex = CreateFails([ShardingEntry("[2, 2]", codecs: """[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "gzip", "configuration": {"level": 12}}]""")]);

        Assert.Contains("'gzip'", ex.Message);
        Assert.Contains("'codecs' of 'sharding_indexed'", ex.Message);
    }

    [Theory]
    [InlineData("""{"chunk_shape": [2, 2], "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}]}""", "field 'codecs' must be a non-empty list")]
    [InlineData("""{"chunk_shape": [2, 2], "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}]}""", "field 'index_codecs' must be a non-empty list")]
    [InlineData("""{"chunk_shape": [2, 2], "codecs": [], "index_codecs": []}""", "field 'codecs' must be a non-empty list")]
    [InlineData("""{"chunk_shape": [2, 2], "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}], "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}], "extra": 1}""", "unknown configuration field 'extra'")]
    public void Create_MissingOrUnknownFieldsAreRejected(string configuration, string expected)
    {
        var ex = CreateFails([Codec($$"""{"name": "sharding_indexed", "configuration": {{configuration}}}""")]);

        Assert.Contains($"'{Source}': codec 'sharding_indexed': {expected}", ex.Message);
    }

    private static ZarrFormatException DecodeFails(ShardingCodec codec, byte[] stored) =>
        Assert.Throws<ZarrFormatException>(() => codec.DecodeShard(stored, new byte[codec.ShardByteLength], ZeroFill, ShardSource));

    private static ZarrFormatException CreateFails(V3Codec[] codecs) =>
        Assert.Throws<ZarrFormatException>(() => ShardingCodec.Create(codecs, Type("uint16"), ShardShape, Source));
}
