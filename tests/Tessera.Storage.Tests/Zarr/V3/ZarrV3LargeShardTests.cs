using System.Buffers.Binary;
using Tessera.DataTypes;
using Tessera.Storage.Tests.Codecs;
using Tessera.Storage.Tests.Stores;
using Tessera.Stores;
using Tessera.Zarr;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs.Sharding;

namespace Tessera.Storage.Tests.Zarr.V3;

// Sharded arrays whose decoded shard is larger than one .NET array, as zarr-python and tensorstore write light-sheet
// volumes (one shard per volume): they open, their regions are read inner chunk by inner chunk, and whole-shard
// operations are refused with a clear message. The shard is built sparse by hand, so nothing near 8 GiB is allocated.
public sealed class ZarrV3LargeShardTests
{
    private const string Path = "data/large.zarr";
    private const string ShardKey = Path + "/c/0/0/0";
    private const ushort Fill = 42;

    // uint16 shards of [1024, 2048, 2048] (8 GiB decoded) in inner chunks of [16, 64, 64] (128 KiB): a grid of
    // 64 × 32 × 32 = 65536 inner chunks, so the index is 1 MiB + 4 bytes of crc32c.
    private static readonly int[] ShardShape = [1024, 2048, 2048];
    private static readonly int[] InnerShape = [16, 64, 64];
    private static readonly int[] InnerGrid = [64, 32, 32];
    private static readonly int[][] StoredInner = [[0, 0, 0], [0, 0, 1], [3, 5, 7]];
    private const long ShardBytes = 1024L * 2048 * 2048 * 2;
    private const int InnerBytes = 16 * 64 * 64 * 2;
    private const int IndexBytes = (64 * 32 * 32 * 16) + 4;

    [Fact]
    public async Task HugeShards_Open_WithTheirSizeAsALong()
    {
        var array = await ZarrArray.OpenAsync(await BuildAsync(new MemoryStore(), "[1024, 2048, 2048]"), Path);

        Assert.Equal(ShardBytes, array.ChunkByteCount);
        Assert.False(array.WholeChunksFit);
        Assert.Equal(InnerShape, array.InnerChunkShape!);
        var error = Assert.Throws<ZarrFormatException>(() => array.ChunkByteLength);
        Assert.Contains($"memory://{Path}/zarr.json", error.Message);
        Assert.Contains($"{ShardBytes} bytes", error.Message);
        Assert.Contains("read-only", error.Message);
    }

    [Fact]
    public async Task ReadingOneStoredInnerChunk_FetchesOnlyTheIndexAndThatChunk()
    {
        var counting = new CountingStore(await BuildAsync(new MemoryStore(), "[1024, 2048, 2048]"));
        var array = await ZarrArray.OpenAsync(counting, Path);
        counting.Clear();

        var region = new byte[InnerBytes];
        await array.ReadRegionAsync([3 * 16, 5 * 64, 7 * 64], InnerShape, region);

        Assert.Equal(Expected([48, 320, 448], InnerShape), region);
        var requests = counting.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(ShardKey, r.Key));
        Assert.Equal(ByteRange.Suffix(IndexBytes), requests[0].Range);
        Assert.Equal(ByteRange.FromOffset(2L * InnerBytes, InnerBytes), requests[1].Range);
        Assert.Equal(IndexBytes + InnerBytes, counting.BytesReturned);
    }

    [Theory]
    [InlineData(new long[] { 10, 60, 60 }, new[] { 10, 10, 74 })]
    [InlineData(new long[] { 0, 0, 0 }, new[] { 16, 64, 128 })]
    [InlineData(new long[] { 40, 300, 400 }, new[] { 30, 40, 100 })]
    [InlineData(new long[] { 1000, 2000, 2000 }, new[] { 24, 48, 48 })]
    public async Task RegionsAcrossStoredAndEmptyInnerChunks_ReadCorrectly(long[] origin, int[] shape)
    {
        var counting = new CountingStore(await BuildAsync(new MemoryStore(), "[1024, 2048, 2048]"));
        var array = await ZarrArray.OpenAsync(counting, Path);
        counting.Clear();

        var region = new byte[shape[0] * shape[1] * shape[2] * 2];
        await array.ReadRegionAsync(origin, shape, region);

        Assert.Equal(Expected(origin, shape), region);
        Assert.All(counting.Requests, r => Assert.NotNull(r.Range));
    }

    // An array smaller than its one shard: a region of the whole array covers the (clipped) shard, which for shards that
    // fit one buffer is read in one request; here it is still read by parts, and never rented whole.
    [Fact]
    public async Task RegionCoveringAWholeHugeShard_IsReadByInnerChunks()
    {
        var counting = new CountingStore(await BuildAsync(new MemoryStore(), "[16, 64, 128]"));
        var array = await ZarrArray.OpenAsync(counting, Path);
        counting.Clear();

        var region = new byte[16 * 64 * 128 * 2];
        await array.ReadRegionAsync([0, 0, 0], [16, 64, 128], region);

        Assert.Equal(Expected([0, 0, 0], [16, 64, 128]), region);
        Assert.Equal(
            [ByteRange.Suffix(IndexBytes), ByteRange.FromOffset(0, InnerBytes), ByteRange.FromOffset(InnerBytes, InnerBytes)],
            counting.Requests.Select(r => r.Range));
    }

    [Fact]
    public async Task WholeShardReadsAndAllWrites_AreRefusedClearly()
    {
        var store = await BuildAsync(new MemoryStore(), "[1024, 2048, 2048]");
        var array = await ZarrArray.OpenAsync(store, Path);
        byte[] before = (await store.GetAsync(ShardKey))!.Span.ToArray();

        var read = await Assert.ThrowsAsync<ZarrFormatException>(async () => await array.ReadChunkAsync([0, 0, 0], new byte[16]));
        var write = await Assert.ThrowsAsync<ZarrFormatException>(async () => await array.WriteChunkAsync([0, 0, 0], new byte[16]));
        var region = await Assert.ThrowsAsync<ZarrFormatException>(() => array.WriteRegionAsync([0, 0, 0], [1, 1, 1], new byte[2]));

        Assert.All([read.Message, write.Message, region.Message], m =>
        {
            Assert.Contains($"memory://{Path}/zarr.json", m);
            Assert.Contains($"shards of (1024, 2048, 2048) uint16 hold {ShardBytes} bytes", m);
            Assert.Contains("read-only in Tessera", m);
            Assert.Contains("smaller shards", m);
        });
        Assert.Contains($"memory://{ShardKey}", read.Message);
        Assert.Contains($"memory://{ShardKey}", write.Message);
        Assert.Equal(before, (await store.GetAsync(ShardKey))!.Span.ToArray());
    }

    [Fact]
    public void ShardingCodec_AcceptsHugeShards_ButNotWholeShardOperations()
    {
        var codec = ShardingCodec.Create(Codecs(), DataType.For<ushort>(), ShardShape, "test");

        Assert.Equal(ShardBytes, codec.ShardByteCount);
        Assert.False(codec.FitsOneBuffer);
        Assert.Equal(IndexBytes, codec.IndexByteLength);
        Assert.Equal(InnerBytes, codec.InnerCodecs.DecodedLength);
        var length = Assert.Throws<InvalidOperationException>(() => codec.ShardByteLength);
        Assert.Contains($"{ShardBytes} bytes", length.Message);
        Assert.Throws<InvalidOperationException>(() => codec.DecodeShard(new byte[IndexBytes], new byte[16], new byte[2], "test"));
        Assert.Throws<InvalidOperationException>(() => codec.EncodeShard(new byte[16], new byte[2]));
    }

    [Fact]
    public void ShardingCodec_StillRefusesInnerChunksOrIndexesLargerThanOneBuffer()
    {
        // One inner chunk of 8 GiB; then 2^28 inner chunks of one element, a 4 GiB index.
        var inner = Assert.Throws<ZarrFormatException>(() => ShardingCodec.Create(Codecs(ShardShape), DataType.For<ushort>(), ShardShape, "test"));
        var index = Assert.Throws<ZarrFormatException>(() => ShardingCodec.Create(Codecs([1, 1, 16]), DataType.For<ushort>(), ShardShape, "test"));

        Assert.Contains("too large", inner.Message);
        Assert.Contains("too large", index.Message);
    }

    [Fact]
    public async Task UnshardedChunksLargerThanOneBuffer_AreStillRefused()
    {
        var store = new MemoryStore();
        await store.SetAsync("x/zarr.json", V3TestData.ArrayDocument("[1024, 2048, 2048]", "uint16", "[1024, 2048, 2048]", "0", $"[{V3TestData.BytesLittle}]"));

        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, "x"));

        Assert.Contains("memory://x/zarr.json", error.Message);
        Assert.Contains("chunk_shape", error.Message);
    }

    /// <summary>The test pattern: stored inner chunks hold a value from the element's coordinates; all else is the fill value.</summary>
    private static ushort Value(long z, long y, long x)
    {
        var inner = new[] { (int)(z / InnerShape[0]), (int)(y / InnerShape[1]), (int)(x / InnerShape[2]) };
        return StoredInner.Any(s => s.SequenceEqual(inner)) ? (ushort)((z * 7) + (y * 13) + (x * 3) + 1000) : Fill;
    }

    private static byte[] Expected(long[] origin, int[] shape)
    {
        var bytes = new byte[shape[0] * shape[1] * shape[2] * 2];
        int n = 0;
        for (int z = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int x = 0; x < shape[2]; x++, n++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * n), Value(origin[0] + z, origin[1] + y, origin[2] + x));
                }
            }
        }

        return bytes;
    }

    private static List<V3Codec> Codecs(int[]? inner = null) =>
        ZarrV3Metadata.Parse(Document("[1024, 2048, 2048]", inner ?? InnerShape), "test").Codecs.ToList();

    private static byte[] Document(string shape, int[] inner) => V3TestData.ArrayDocument(
        shape,
        "uint16",
        "[1024, 2048, 2048]",
        Fill.ToString(System.Globalization.CultureInfo.InvariantCulture),
        $$$"""[{"name": "sharding_indexed", "configuration": {"chunk_shape": [{{{string.Join(", ", inner)}}}], "codecs": [{{{V3TestData.BytesLittle}}}], "index_codecs": [{{{V3TestData.BytesLittle}}}, {{{V3TestData.Crc32C}}}], "index_location": "end"}}]""");

    /// <summary>
    /// Writes zarr.json and one sparse shard: the stored inner chunks one after another from byte 0 (encoded with
    /// <c>bytes</c> only, little-endian), then the index with 2^64-1 for every other entry and its crc32c.
    /// </summary>
    internal static async Task<IStore> BuildAsync(IStore store, string shape)
    {
        await store.SetAsync($"{Path}/zarr.json", Document(shape, InnerShape));
        var shard = new byte[(StoredInner.Length * InnerBytes) + IndexBytes];
        var index = shard.AsSpan(StoredInner.Length * InnerBytes, IndexBytes - 4);
        index.Fill(0xFF);
        for (int i = 0; i < StoredInner.Length; i++)
        {
            int[] p = StoredInner[i];
            long[] origin = [(long)p[0] * InnerShape[0], (long)p[1] * InnerShape[1], (long)p[2] * InnerShape[2]];
            Expected(origin, InnerShape).CopyTo(shard, i * InnerBytes);
            int linear = (((p[0] * InnerGrid[1]) + p[1]) * InnerGrid[2]) + p[2];
            BinaryPrimitives.WriteUInt64LittleEndian(index[(16 * linear)..], (ulong)(i * InnerBytes));
            BinaryPrimitives.WriteUInt64LittleEndian(index[((16 * linear) + 8)..], InnerBytes);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(shard.AsSpan(shard.Length - 4), Crc32CReference.Compute(index));
        await store.SetAsync(ShardKey, shard);
        return store;
    }
}
