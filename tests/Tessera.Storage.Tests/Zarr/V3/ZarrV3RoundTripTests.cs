using System.Buffers.Binary;
using System.IO.Compression;
using Tessera.Buffers;
using Tessera.Storage.Tests.Codecs;
using Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding;
using Tessera.Stores;
using Tessera.Zarr;
using Tessera.Zarr.V3;

namespace Tessera.Storage.Tests.Zarr.V3;

// Round trips through every codec chain Tessera writes: region writes that update chunks (and shards) in part, whole
// chunk writes, edge chunks, then reads through a freshly opened array compared with a dense reference.
public sealed class ZarrV3RoundTripTests
{
    private const string Path = "rt.zarr";
    private const string Transpose = """{"name": "transpose", "configuration": {"order": [2, 0, 1]}}""";
    private const string Gzip = """{"name": "gzip", "configuration": {"level": 6}}""";
    private const string Zstd = """{"name": "zstd", "configuration": {"level": 3, "checksum": false}}""";
    private const string ZstdChecksum = """{"name": "zstd", "configuration": {"level": 3, "checksum": true}}""";
    private const string BloscLz4 = """{"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 2, "blocksize": 0}}""";
    private const string BloscZstd = """{"name": "blosc", "configuration": {"cname": "zstd", "clevel": 3, "shuffle": "bitshuffle", "typesize": 2, "blocksize": 0}}""";

    private static readonly string[] Chains =
    [
        $"[{V3TestData.BytesLittle}]",
        $"[{V3TestData.BytesBig}]",
        $"[{Transpose}, {V3TestData.BytesLittle}]",
        $"[{V3TestData.BytesLittle}, {Gzip}]",
        $"[{V3TestData.BytesLittle}, {Zstd}]",
        $"[{V3TestData.BytesLittle}, {ZstdChecksum}]",
        $"[{V3TestData.BytesLittle}, {BloscLz4}]",
        $"[{V3TestData.BytesLittle}, {BloscZstd}]",
        $"[{V3TestData.BytesLittle}, {V3TestData.Crc32C}]",
        $"[{Transpose}, {V3TestData.BytesBig}, {Zstd}, {V3TestData.Crc32C}]",
    ];

    public static TheoryData<string> Plain() => [.. Chains];

    public static TheoryData<string, string> Sharded()
    {
        var data = new TheoryData<string, string>();
        foreach (string chain in Chains)
        {
            data.Add(chain, "end");
        }

        data.Add($"[{V3TestData.BytesLittle}, {Zstd}]", "start");
        data.Add($"[{Transpose}, {V3TestData.BytesBig}, {Gzip}, {V3TestData.Crc32C}]", "start");
        return data;
    }

    [Theory]
    [MemberData(nameof(Plain))]
    public async Task EveryCodecChain_RoundTripsRegionAndChunkWrites(string codecs)
    {
        await RoundTripAsync(V3TestData.ArrayDocument("[13, 7, 5]", "uint16", "[4, 6, 5]", "7", codecs));
    }

    [Theory]
    [MemberData(nameof(Sharded))]
    public async Task ShardingWithEveryInnerCodecChain_RoundTripsRegionAndChunkWrites(string innerCodecs, string location)
    {
        string sharding = $"[{{\"name\": \"sharding_indexed\", \"configuration\": {{\"chunk_shape\": [4, 3, 5], \"codecs\": {innerCodecs}, \"index_codecs\": [{V3TestData.BytesLittle}, {V3TestData.Crc32C}], \"index_location\": \"{location}\"}}}}]";
        await RoundTripAsync(V3TestData.ArrayDocument("[13, 7, 5]", "uint16", "[8, 6, 5]", "7", sharding));
    }

    [Fact]
    public async Task WritingPartOfAShard_KeepsTheRestOfTheShard()
    {
        string sharding = $"[{{\"name\": \"sharding_indexed\", \"configuration\": {{\"chunk_shape\": [2, 2], \"codecs\": [{V3TestData.BytesLittle}, {Zstd}], \"index_codecs\": [{V3TestData.BytesLittle}]}}}}]";
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, Path, ZarrV3Metadata.Parse(V3TestData.ArrayDocument("[6, 5]", "int32", "[4, 4]", "-1", sharding), "test"));
        int[] all = [.. Enumerable.Range(1, 30)];
        await array.WriteRegionAsync([0, 0], [6, 5], Bytes(all));

        await array.WriteRegionAsync([1, 2], [1, 1], Bytes([1000]));
        await array.WriteRegionAsync([5, 4], [1, 1], Bytes([2000]));

        all[(1 * 5) + 2] = 1000;
        all[(5 * 5) + 4] = 2000;
        var actual = new byte[30 * 4];
        await (await ZarrArray.OpenAsync(store, Path)).ReadRegionAsync([0, 0], [6, 5], actual);
        Assert.Equal(Bytes(all), actual);
    }

    // Chunks Tessera writes are the spec's bytes: decoded here by hand (crc32c checked, gzip inflated by GZipStream,
    // big-endian items swapped), and a shard's index parsed by hand.
    [Fact]
    public async Task WrittenChunksAndShards_DecodeByHandFromTheSpec()
    {
        var store = new MemoryStore();
        var plain = await ZarrArray.CreateAsync(store, "plain", ZarrV3Metadata.Parse(V3TestData.ArrayDocument("[3, 2]", "uint16", "[3, 2]", "0", $"[{V3TestData.BytesBig}, {Gzip}, {V3TestData.Crc32C}]"), "test"));
        string sharding = $"[{{\"name\": \"sharding_indexed\", \"configuration\": {{\"chunk_shape\": [1, 2], \"codecs\": [{V3TestData.BytesLittle}], \"index_codecs\": [{V3TestData.BytesLittle}, {V3TestData.Crc32C}]}}}}]";
        var sharded = await ZarrArray.CreateAsync(store, "sharded", ZarrV3Metadata.Parse(V3TestData.ArrayDocument("[3, 2]", "uint16", "[3, 2]", "0", sharding), "test"));
        byte[] data = ShardingTestData.LittleEndianUInt16([1, 2, 0, 0, 5, 65535]);

        await plain.WriteRegionAsync([0, 0], [3, 2], data);
        await sharded.WriteRegionAsync([0, 0], [3, 2], data);

        byte[] stored = (await store.GetAsync("plain/c/0/0"))!.Span.ToArray();
        Assert.Equal(Crc32CReference.Compute(stored[..^4]), BinaryPrimitives.ReadUInt32LittleEndian(stored.AsSpan(stored.Length - 4)));
        using var gzip = new GZipStream(new MemoryStream(stored[..^4]), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        gzip.CopyTo(inflated);
        Assert.Equal(ShardingTestData.BigEndianUInt16([1, 2, 0, 0, 5, 65535]), inflated.ToArray());

        // Inner chunk [1] is all fill (0), so it is not stored: its entry is 2^64-1 both ways; the others are packed in order.
        byte[] shard = (await store.GetAsync("sharded/c/0/0"))!.Span.ToArray();
        byte[] index = ShardingTestData.Index(false, true, (0, 4), (ShardingTestData.Empty, ShardingTestData.Empty), (4, 4));
        Assert.Equal([.. data[0..4], .. data[8..12], .. index], shard);
    }

    private static async Task RoundTripAsync(byte[] document)
    {
        long[] shape = [13, 7, 5];
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, Path, ZarrV3Metadata.Parse(document, "test"));
        var reference = new byte[13 * 7 * 5 * 2];
        ShardingTestData.LittleEndianUInt16(Enumerable.Repeat(7, 13 * 7 * 5)).CopyTo(reference, 0);
        var random = new Random(193);
        for (int round = 0; round < 12; round++)
        {
            long[] origin = new long[3];
            int[] extent = new int[3];
            for (int axis = 0; axis < 3; axis++)
            {
                origin[axis] = random.Next((int)shape[axis]);
                extent[axis] = 1 + random.Next((int)(shape[axis] - origin[axis]));
            }

            var patch = new byte[extent[0] * extent[1] * extent[2] * 2];
            random.NextBytes(patch);
            await array.WriteRegionAsync(origin, extent, patch);
            ByteRegionCopy.CopyRegion(patch, extent, new long[3], reference, [13, 7, 5], origin, extent, 2);
        }

        // A whole edge chunk through WriteChunkAsync: the part inside the array lands in the reference.
        long[] last = [.. array.Grid.GridShape.ToArray().Select(g => g - 1)];
        int[] chunkShape = array.ChunkShape.ToArray();
        var chunk = new byte[array.ChunkByteLength];
        random.NextBytes(chunk);
        await array.WriteChunkAsync(last, chunk);
        long[] start = [.. last.Select((c, axis) => c * chunkShape[axis])];
        int[] inside = [.. start.Select((s, axis) => (int)Math.Min(chunkShape[axis], shape[axis] - s))];
        ByteRegionCopy.CopyRegion(chunk, chunkShape, new long[3], reference, [13, 7, 5], start, inside, 2);

        var reopened = await ZarrArray.OpenAsync(store, Path);
        var actual = new byte[reference.Length];
        await reopened.ReadRegionAsync([0, 0, 0], [13, 7, 5], actual);
        Assert.Equal(reference, actual);
        var part = new byte[5 * 4 * 3 * 2];
        await reopened.ReadRegionAsync([6, 2, 1], [5, 4, 3], part);
        Assert.Equal(ZarrV3ArrayTests.Box(reference, shape, [6, 2, 1], [5, 4, 3], 2), part);
        var readChunk = new byte[reopened.ChunkByteLength];
        Assert.True(await reopened.ReadChunkAsync([0, 0, 0], readChunk));
        Assert.Equal(ZarrV3ArrayTests.Box(reference, shape, [0, 0, 0], [.. chunkShape.Select(c => (long)c)], 2), readChunk);
    }

    private static byte[] Bytes(int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
