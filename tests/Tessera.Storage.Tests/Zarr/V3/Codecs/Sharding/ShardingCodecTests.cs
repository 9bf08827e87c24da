using System.IO.Compression;
using Tessera.Storage.Tests.Codecs;
using Tessera.Stores;
using Tessera.Zarr.V3.Codecs.Sharding;
using static Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding.ShardingTestData;

namespace Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding;

// Spec references are to the sharding codec specification v1.0,
// https://zarr-specs.readthedocs.io/en/latest/v3/codecs/sharding-indexed/v1.0.html. Expected shards are written out
// byte by byte here from its rules; the codec's output is compared against them.
public sealed class ShardingCodecTests
{
    // A uint16 shard of shape [2, 4] split into inner chunks of [2, 2]: a grid of [1, 2] inner chunks. Element (r, c)
    // holds 0x0100 + 4r + c, so inner chunk [0, 0] holds elements (0,0) (0,1) (1,0) (1,1) and [0, 1] the other four.
    private static readonly int[] ShardShape = [2, 4];
    private static readonly byte[] Shard = LittleEndianUInt16(Enumerable.Range(0x0100, 8));
    private static readonly byte[] Chunk00 = LittleEndianUInt16([0x0100, 0x0101, 0x0104, 0x0105]);
    private static readonly byte[] Chunk01 = LittleEndianUInt16([0x0102, 0x0103, 0x0106, 0x0107]);
    private static readonly byte[] ZeroFill = [0, 0];

    // The reference CRC-32C that the expected indexes use, checked against the standard check value of "123456789"
    // (RFC 3720 §B.4 and the CRC catalogue's CRC-32/ISCSI entry).
    [Fact]
    public void ReferenceCrc32C_MatchesTheStandardCheckValue() =>
        Assert.Equal(0xE3069283u, Crc32CReference.Compute("123456789"u8));

    // "Binary shard format" with index_location "end" (the default when absent) and index_codecs [bytes little, crc32c]:
    // inner chunks, then 16 bytes of (offset, nbytes) per inner chunk in C order, then the CRC-32C of those bytes.
    [Fact]
    public void ShardingCodec_IndexAtEndWithCrc32CFollowsTheChunks()
    {
        var codec = Create(ShardingEntry("[2, 2]"), "uint16", ShardShape);
        byte[] expected = [.. Chunk00, .. Chunk01, .. Index(bigEndian: false, checksum: true, (0, 8), (8, 8))];

        byte[] stored = codec.EncodeShard(Shard, ZeroFill);

        Assert.Equal(expected, stored);
        Assert.False(codec.IndexAtStart);
        Assert.Equal(2 * 16 + 4, codec.IndexByteLength);
        Assert.Equal(ByteRange.Suffix(36), codec.IndexRange);
        AssertDecodesTo(codec, expected, Shard, ZeroFill);
    }

    // "Configuration parameters", index_location "start": the index comes first and offsets count from the start of
    // the shard, so the first inner chunk's offset is the index size.
    [Fact]
    public void ShardingCodec_IndexAtStartOffsetsCountTheIndex()
    {
        var codec = Create(ShardingEntry("[2, 2]", location: "start"), "uint16", ShardShape);
        byte[] expected = [.. Index(bigEndian: false, checksum: true, (36, 8), (44, 8)), .. Chunk00, .. Chunk01];

        byte[] stored = codec.EncodeShard(Shard, ZeroFill);

        Assert.Equal(expected, stored);
        Assert.True(codec.IndexAtStart);
        Assert.Equal(ByteRange.FromOffset(0, 36), codec.IndexRange);
        AssertDecodesTo(codec, expected, Shard, ZeroFill);
    }

    // "Binary shard format": the index is encoded with index_codecs, here [bytes big] alone: big-endian uint64 entries
    // and no checksum, so the index is 16 bytes per inner chunk.
    [Fact]
    public void ShardingCodec_BigEndianIndexWithoutChecksum()
    {
        var codec = Create(ShardingEntry("[2, 2]", indexCodecs: IndexBig, location: "end"), "uint16", ShardShape);
        byte[] expected = [.. Chunk00, .. Chunk01, .. Index(bigEndian: true, checksum: false, (0, 8), (8, 8))];

        byte[] stored = codec.EncodeShard(Shard, ZeroFill);

        Assert.Equal(expected, stored);
        Assert.Equal(32, codec.IndexByteLength);
        AssertDecodesTo(codec, expected, Shard, ZeroFill);
    }

    // "Binary shard format": an inner chunk that is not stored has offset and nbytes 2^64-1 and reads as the fill
    // value. Inner chunk [0, 1] holds only the fill value 0x0707, so it is left out.
    [Fact]
    public void ShardingCodec_FillValueInnerChunkIsNotStored()
    {
        byte[] fill = [0x07, 0x07];
        byte[] shard = [.. Shard];
        for (int r = 0; r < 2; r++)
        {
            shard.AsSpan((r * 8) + 4, 4).Fill(0x07);
        }

        var codec = Create(ShardingEntry("[2, 2]"), "uint16", ShardShape);
        byte[] expected = [.. Chunk00, .. Index(bigEndian: false, checksum: true, (0, 8), (Empty, Empty))];

        byte[] stored = codec.EncodeShard(shard, fill);

        Assert.Equal(expected, stored);
        Assert.True(codec.DecodeIndex(stored.AsSpan(stored.Length - 36), stored.Length, ShardSource).IsEmpty(1));
        AssertDecodesTo(codec, expected, shard, fill);
    }

    // A shard of only fill values encodes to its index alone, every entry 2^64-1.
    [Fact]
    public void ShardingCodec_ShardOfFillValuesIsItsIndexAlone()
    {
        var codec = Create(ShardingEntry("[2, 2]", location: "start"), "uint16", ShardShape);

        byte[] stored = codec.EncodeShard(new byte[16], ZeroFill);

        Assert.Equal(Index(bigEndian: false, checksum: true, (Empty, Empty), (Empty, Empty)), stored);
        AssertDecodesTo(codec, stored, new byte[16], ZeroFill);
    }

    // "Binary shard format": readers take inner chunks from wherever the index points; writers may order them freely
    // and leave gaps. Here inner chunk [0, 1] comes first, after 3 unused bytes, and [0, 0] after it.
    [Fact]
    public void ShardingCodec_DecodesChunksInAnyOrderWithGaps()
    {
        var codec = Create(ShardingEntry("[2, 2]"), "uint16", ShardShape);
        byte[] stored = [0xAA, 0xBB, 0xCC, .. Chunk01, .. Chunk00, .. Index(bigEndian: false, checksum: true, (11, 8), (3, 8))];

        AssertDecodesTo(codec, stored, Shard, ZeroFill);
    }

    // The inner codecs apply to each inner chunk as to an unsharded chunk: [bytes big] stores each element big-endian.
    [Fact]
    public void ShardingCodec_InnerBytesBigEndianSwapsInnerElements()
    {
        var codec = Create(ShardingEntry("[2, 2]", codecs: BytesBig), "uint16", ShardShape);
        byte[] expected =
        [
            .. BigEndianUInt16([0x0100, 0x0101, 0x0104, 0x0105]),
            .. BigEndianUInt16([0x0102, 0x0103, 0x0106, 0x0107]),
            .. Index(bigEndian: false, checksum: true, (0, 8), (8, 8)),
        ];

        Assert.Equal(expected, codec.EncodeShard(Shard, ZeroFill));
        AssertDecodesTo(codec, expected, Shard, ZeroFill);
    }

    // Inner codecs [bytes, gzip]: each stored inner chunk is a gzip stream of that inner chunk's elements, checked with
    // .NET's GZipStream, and the index packs the chunks in C order with no gaps.
    [Fact]
    public void ShardingCodec_GzipInnerChunksDecompressIndependently()
    {
        int[] shardShape = [4, 6, 3];
        var codec = Create(
            ShardingEntry("[2, 3, 3]", codecs: """[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "gzip", "configuration": {"level": 5}}]"""),
            "uint8",
            shardShape);
        byte[] shard = [.. Enumerable.Range(0, 72).Select(i => (byte)(i % 5))];

        byte[] stored = codec.EncodeShard(shard, [0xFF]);

        var index = codec.DecodeIndex(stored.AsSpan(stored.Length - codec.IndexByteLength), stored.Length, ShardSource);
        long next = 0;
        for (int i = 0, z = 0; z < 2; z++)
        {
            for (int y = 0; y < 2; y++, i++)
            {
                var (offset, length) = index[i];
                Assert.Equal(next, offset);
                next += length;
                using var gzip = new GZipStream(new MemoryStream(stored, (int)offset, (int)length), CompressionMode.Decompress);
                using var inflated = new MemoryStream();
                gzip.CopyTo(inflated);
                Assert.Equal(InnerRegion(shard, shardShape, [z * 2, y * 3, 0], [2, 3, 3]), inflated.ToArray());
            }
        }

        Assert.Equal(stored.Length - codec.IndexByteLength, next);
        AssertDecodesTo(codec, stored, shard, [0xFF]);
    }

    // Partial reads as the array layer does them: fetch IndexRange, decode the index without the shard's length,
    // then decode one inner chunk from its byte range and place it in a shard buffer.
    [Fact]
    public void ShardingCodec_ReadsOneInnerChunkThroughTheIndex()
    {
        int[] shardShape = [6, 4];
        var codec = Create(
            ShardingEntry("[3, 2]", codecs: """[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "zstd", "configuration": {"level": 3, "checksum": true}}]""", location: "start"),
            "int32",
            shardShape);
        byte[] shard = RandomBytes(6 * 4 * 4, seed: 11);
        byte[] stored = codec.EncodeShard(shard, new byte[4]);

        var (start, length) = codec.IndexRange.Resolve(stored.Length);
        var index = codec.DecodeIndex(stored.AsSpan((int)start, (int)length), shardLength: null, ShardSource);
        int linear = ShardIndex.Linear([1, 0], codec.InnerGridShape.ToArray());
        var (offset, nbytes) = index[linear];
        var chunk = new byte[codec.InnerCodecs.DecodedLength];
        codec.DecodeInnerChunk(stored.AsSpan((int)offset, (int)nbytes), chunk, [1, 0], ShardSource);

        Assert.Equal(2, linear);
        Assert.Equal(InnerRegion(shard, shardShape, [3, 0], [3, 2], itemSize: 4), chunk);
        var placed = new byte[codec.ShardByteLength];
        codec.CopyInnerChunkToShard(chunk, [1, 0], placed);
        Assert.Equal(InnerRegion(shard, shardShape, [3, 0], [3, 2], itemSize: 4), InnerRegion(placed, shardShape, [3, 0], [3, 2], itemSize: 4));
    }

    [Fact]
    public void ShardingCodec_ReportsItsGeometry()
    {
        var codec = Create(ShardingEntry("[2, 3, 1]", indexCodecs: IndexBig), "float64", [4, 6, 5]);

        Assert.Equal([4, 6, 5], codec.ShardShape);
        Assert.Equal([2, 3, 1], codec.InnerChunkShape);
        Assert.Equal([2, 2, 5], codec.InnerGridShape);
        Assert.Equal(20, codec.InnerChunkCount);
        Assert.Equal(20 * 16, codec.IndexByteLength);
        Assert.Equal(4 * 6 * 5 * 8, codec.ShardByteLength);
        Assert.Equal(2 * 3 * 1 * 8, codec.InnerCodecs.DecodedLength);
    }

    [Fact]
    public void ShardingCodec_IsShardedFindsTheCodec()
    {
        Assert.True(ShardingCodec.IsSharded([ShardingEntry("[1]")]));
        Assert.False(ShardingCodec.IsSharded([Codec("""{"name": "bytes", "configuration": {"endian": "little"}}""")]));
    }

    // Round trips over data types and ranks, with awkward sizes, some inner chunks of fill only (not stored) and
    // each index layout; the inner chunks left out are counted against the data.
    [Theory]
    [InlineData("uint8", new[] { 7 }, new[] { 1 }, BytesLittle, "end")]
    [InlineData("uint8", new[] { 7 }, new[] { 7 }, BytesLittle, "start")]
    [InlineData("int16", new[] { 12 }, new[] { 4 }, """[{"name": "bytes", "configuration": {"endian": "big"}}, {"name": "gzip", "configuration": {"level": 1}}]""", "end")]
    [InlineData("bool", new[] { 4, 6, 3 }, new[] { 2, 3, 3 }, BytesLittle, "start")]
    [InlineData("float32", new[] { 4, 6, 3 }, new[] { 2, 3, 1 }, """[{"name": "transpose", "configuration": {"order": [2, 0, 1]}}, {"name": "bytes", "configuration": {"endian": "little"}}, {"name": "zstd", "configuration": {"level": 1, "checksum": false}}]""", "end")]
    [InlineData("int64", new[] { 2, 2, 3, 2, 4 }, new[] { 1, 2, 1, 2, 2 }, """[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}]""", "start")]
    [InlineData("float64", new[] { 2, 2, 3, 2, 4 }, new[] { 2, 1, 3, 1, 4 }, """[{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 8, "blocksize": 0}}]""", "end")]
    public void ShardingCodec_RoundTrips(string dataType, int[] shardShape, int[] innerShape, string codecs, string location)
    {
        var codec = Create(ShardingEntry($"[{string.Join(", ", innerShape)}]", codecs: codecs, location: location), dataType, shardShape);
        int itemSize = Type(dataType).ItemSize;
        byte[] shard = RandomBytes(codec.ShardByteLength, seed: shardShape.Length * 31);
        if (dataType == "bool")
        {
            shard = [.. shard.Select(b => (byte)(b & 1))];
        }

        // Blank every third inner chunk to the fill value, so that it is not stored.
        byte[] fill = [.. Enumerable.Repeat((byte)0x5A, itemSize)];
        var position = new int[shardShape.Length];
        var blank = new byte[codec.InnerCodecs.DecodedLength];
        blank.AsSpan().Fill(0x5A);
        var expectEmpty = new bool[codec.InnerChunkCount];
        for (int i = 0; i < codec.InnerChunkCount; i++)
        {
            Unravel(i, codec.InnerGridShape, position);
            if (i % 3 == 1)
            {
                codec.CopyInnerChunkToShard(blank, position, shard);
            }

            // Counted from the data, so that a random inner chunk that happens to equal the fill value counts too.
            int[] origin = [.. position.Select((p, axis) => p * innerShape[axis])];
            expectEmpty[i] = InnerRegion(shard, shardShape, origin, innerShape, itemSize).All(b => b == 0x5A);
        }

        byte[] stored = codec.EncodeShard(shard, fill);

        var index = codec.DecodeIndex(
            codec.IndexAtStart ? stored.AsSpan(0, codec.IndexByteLength) : stored.AsSpan(stored.Length - codec.IndexByteLength), stored.Length, ShardSource);
        Assert.Equal(expectEmpty, Enumerable.Range(0, index.Count).Select(index.IsEmpty));
        Assert.True(codec.InnerChunkCount == 1 || expectEmpty.Contains(true));
        AssertDecodesTo(codec, stored, shard, fill);
    }

    // Extracting and placing inner chunks against a shard whose element at (z, y, x) is numbered in C order, so each
    // inner chunk's expected content is a nested loop over its region.
    [Fact]
    public void ShardingCodec_CopyHelpersMoveTheInnerRegion()
    {
        int[] shardShape = [3, 4, 5];
        var codec = Create(ShardingEntry("[1, 2, 5]"), "uint8", shardShape);
        byte[] shard = [.. Enumerable.Range(0, 60).Select(i => (byte)i)];
        var chunk = new byte[10];

        codec.CopyShardToInnerChunk(shard, [2, 1, 0], chunk);

        Assert.Equal(InnerRegion(shard, shardShape, [2, 2, 0], [1, 2, 5]), chunk);
        var other = new byte[60];
        codec.CopyInnerChunkToShard(chunk, [2, 1, 0], other);
        Assert.Equal(chunk, InnerRegion(other, shardShape, [2, 2, 0], [1, 2, 5]));
        Assert.Equal(50, other.Count(b => b == 0));
    }

    private static void AssertDecodesTo(ShardingCodec codec, byte[] stored, byte[] expected, byte[] fill)
    {
        var shard = new byte[codec.ShardByteLength];
        shard.AsSpan().Fill(0xEE);
        codec.DecodeShard(stored, shard, fill, ShardSource);
        Assert.Equal(expected, shard);
    }

    // The elements of a C-order shard inside the box at origin of the given size, in C order: written as plain loops.
    private static byte[] InnerRegion(byte[] shard, int[] shape, int[] origin, int[] size, int itemSize = 1)
    {
        var result = new List<byte>();
        var offset = new int[shape.Length];
        int count = size.Aggregate(1, (a, b) => a * b);
        for (int n = 0; n < count; n++)
        {
            Unravel(n, size, offset);
            int linear = 0;
            for (int axis = 0; axis < shape.Length; axis++)
            {
                linear = (linear * shape[axis]) + origin[axis] + offset[axis];
            }

            result.AddRange(shard.AsSpan(linear * itemSize, itemSize).ToArray());
        }

        return [.. result];
    }

    private static void Unravel(int linear, IReadOnlyList<int> shape, int[] position)
    {
        for (int axis = shape.Count - 1; axis >= 0; axis--)
        {
            position[axis] = linear % shape[axis];
            linear /= shape[axis];
        }
    }
}
