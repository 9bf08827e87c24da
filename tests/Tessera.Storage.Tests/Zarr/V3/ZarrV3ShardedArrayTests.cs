using System.Buffers.Binary;
using Tessera.Storage.Tests.Codecs;
using Tessera.Storage.Tests.Stores;
using Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr.V3;

// Sharded arrays (codecs/sharding-indexed v1.0, https://zarr-specs.readthedocs.io/en/latest/v3/codecs/sharding-indexed/)
// whose shards are written byte by byte in the test: inner chunks stored in any order, the index of (offset, nbytes)
// uint64 pairs at the start or end, 2^64-1 for inner chunks not stored, and crc32c over the index.
public sealed class ZarrV3ShardedArrayTests
{
    private const string Path = "data/sharded.zarr";

    // Array [10, 6] of uint16 in shards [4, 4] of inner chunks [2, 2]: shard (2, 1) is missing, shards along axis 1 end
    // past the array, and two inner chunks are empty (index entry 2^64-1).
    private static readonly long[] Shape = [10, 6];
    private static readonly long[] Inner = [2, 2];

    public static TheoryData<bool, bool, bool> Layouts() => new()
    {
        { false, false, false },
        { true, false, false },
        { false, true, false },
        { true, true, true },
        { false, false, true },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task HandWrittenShards_ReadWholeAndInPart(bool indexAtStart, bool innerBigEndianGzip, bool indexBigEndianNoCrc)
    {
        var store = await WriteHandBuiltAsync(new MemoryStore(), indexAtStart, innerBigEndianGzip, indexBigEndianNoCrc);
        var array = await ZarrArray.OpenAsync(store, Path);
        byte[] expected = Expected();

        var whole = new byte[60 * 2];
        await array.ReadRegionAsync([0, 0], [10, 6], whole);
        Assert.Equal(expected, whole);
        Assert.Equal([2, 2], array.InnerChunkShape!);

        // Regions inside one inner chunk, across inner chunks and shards, in an empty inner chunk, in the missing shard.
        (long[] Origin, long[] Extent)[] regions =
        [
            ([1, 1], [1, 1]), ([0, 2], [2, 2]), ([1, 1], [6, 4]), ([3, 3], [6, 3]), ([0, 0], [4, 4]),
            ([8, 4], [2, 2]), ([9, 5], [1, 1]), ([5, 0], [5, 6]), ([4, 4], [1, 1]), ([0, 0], [10, 1]),
        ];
        foreach (var (origin, extent) in regions)
        {
            var part = new byte[extent[0] * extent[1] * 2];
            await array.ReadRegionAsync(origin, [(int)extent[0], (int)extent[1]], part);
            Assert.Equal(ZarrV3ArrayTests.Box(expected, Shape, origin, extent, 2), part);
        }
    }

    [Fact]
    public async Task PartialReads_FetchTheIndexAndOnlyTheInnerChunksTouched_AndWholeShardsInOneRequest()
    {
        var counting = new CountingStore(await WriteHandBuiltAsync(new MemoryStore(), indexAtStart: false, innerBigEndianGzip: false, indexBigEndianNoCrc: false));
        var array = await ZarrArray.OpenAsync(counting, Path);
        byte[] expected = Expected();

        counting.Clear();
        var part = new byte[2 * 3 * 2];
        await array.ReadRegionAsync([4, 1], [2, 3], part);
        var partial = counting.Requests;

        counting.Clear();
        var shard = new byte[4 * 4 * 2];
        await array.ReadRegionAsync([4, 0], [4, 4], shard);
        var whole = counting.Requests;

        counting.Clear();
        var missing = new byte[2];
        await array.ReadRegionAsync([9, 5], [1, 1], missing);
        var absent = counting.Requests;

        // Shard (1, 0) has inner chunks at (0, 0) and (0, 1) in region [4..6, 1..4]; index = 4 × 16 + 4 bytes.
        Assert.Equal(ZarrV3ArrayTests.Box(expected, Shape, [4, 1], [2, 3], 2), part);
        Assert.Equal(3, partial.Count);
        Assert.Equal(new CountingStore.Request($"{Path}/c/1/0", ByteRange.Suffix(68), 68), partial[0]);
        Assert.All(partial.Skip(1), r => Assert.Equal((r.Key, 8), (r.Key, r.Returned)));
        Assert.Equal(ZarrV3ArrayTests.Box(expected, Shape, [4, 0], [4, 4], 2), shard);
        Assert.Equal([new CountingStore.Request($"{Path}/c/1/0", null, (4 * 8) + 68)], whole);
        Assert.Equal(new byte[] { 42, 0 }, missing);
        Assert.Equal([new CountingStore.Request($"{Path}/c/2/1", ByteRange.Suffix(68), -1)], absent);
    }

    // The acceptance test: reading one inner chunk of a 1 GiB sharded array reads that chunk's stored bytes and the
    // shard index, nothing else.
    [Fact]
    public async Task OneInnerChunkOfAOneGibibyteArray_ReadsOnlyTheIndexAndThatChunk()
    {
        const string Big = "big.zarr";
        var inner = new MemoryStore();
        await inner.SetAsync($"{Big}/zarr.json", V3TestData.ArrayDocument(
            "[1024, 1024, 1024]",
            "uint8",
            "[256, 512, 512]",
            "0",
            """[{"name": "sharding_indexed", "configuration": {"chunk_shape": [64, 64, 64], "codecs": [{"name": "bytes"}, {"name": "zstd", "configuration": {"level": 1, "checksum": false}}], "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}]}}]"""));
        var writer = await ZarrArray.OpenAsync(inner, Big);
        Assert.Equal(1L << 30, writer.Shape.ToArray().Aggregate(1L, (a, b) => a * b));

        // One shard of 64 MiB with data in every inner chunk, different in each, that zstd compresses; the others stay unwritten.
        long[] shardIndex = [1, 0, 1];
        var shardData = new byte[256 * 512 * 512];
        for (int z = 0; z < 256; z++)
        {
            for (int y = 0; y < 512; y++)
            {
                int row = ((z * 512) + y) * 512;
                for (int x = 0; x < 512; x++)
                {
                    shardData[row + x] = Value((256 * 1) + z, y, 512 + x);
                }
            }
        }

        await writer.WriteChunkAsync(shardIndex, shardData);
        shardData = null;
        using var stored = await inner.GetAsync($"{Big}/c/1/0/1");
        int indexLength = (4 * 8 * 8 * 16) + 4;
        var (offset, length) = IndexEntry(stored!.Span, indexLength, innerLinear: (1 * 64) + (2 * 8) + 3);

        var counting = new CountingStore(inner);
        var array = await ZarrArray.OpenAsync(counting, Big);
        counting.Clear();
        var chunk = new byte[64 * 64 * 64];
        await array.ReadRegionAsync([256 + 64, 128, 512 + 192], [64, 64, 64], chunk);
        var one = counting.Requests;
        long oneBytes = counting.BytesReturned;

        counting.Clear();
        var span = new byte[10 * 10 * 40];
        await array.ReadRegionAsync([330, 140, 740], [10, 10, 40], span);
        var two = counting.Requests;
        var (offset2, length2) = IndexEntry(stored.Span, indexLength, innerLinear: (1 * 64) + (2 * 8) + 4);

        Assert.Equal([new($"{Big}/c/1/0/1", ByteRange.Suffix(indexLength), indexLength), new($"{Big}/c/1/0/1", ByteRange.FromOffset(offset, length), (int)length)], one);
        Assert.Equal(indexLength + length, oneBytes);
        Assert.True(oneBytes * 20 < stored.Length, $"read {oneBytes} bytes of a {stored.Length}-byte shard");
        Assert.Equal(ExpectedBox([320, 128, 704], [64, 64, 64]), chunk);
        Assert.Equal(3, two.Count);
        Assert.Equal(ByteRange.Suffix(indexLength), two[0].Range);
        Assert.Equal([ByteRange.FromOffset(offset, length), ByteRange.FromOffset(offset2, length2)], two.Skip(1).Select(r => r.Range!.Value).OrderBy(r => r.Offset));
        Assert.Equal(ExpectedBox([330, 140, 740], [10, 10, 40]), span);

        static byte Value(int z, int y, int x) => (byte)((((z / 64 * 16) + (y / 64 * 8) + (x / 64)) * 31) + ((x ^ (y * 3) ^ (z * 5)) & 0x3F));

        static byte[] ExpectedBox(long[] origin, int[] extent)
        {
            var box = new byte[extent[0] * extent[1] * extent[2]];
            int i = 0;
            for (int z = 0; z < extent[0]; z++)
            {
                for (int y = 0; y < extent[1]; y++)
                {
                    for (int x = 0; x < extent[2]; x++)
                    {
                        box[i++] = Value((int)origin[0] + z, (int)origin[1] + y, (int)origin[2] + x);
                    }
                }
            }

            return box;
        }
    }

    /// <summary>Reads entry <paramref name="innerLinear"/> of a little-endian index with crc32c at the end of a shard.</summary>
    private static (long Offset, long Length) IndexEntry(ReadOnlySpan<byte> shard, int indexLength, int innerLinear)
    {
        var index = shard[^indexLength..];
        Assert.Equal(Crc32CReference.Compute(index[..^4]), BinaryPrimitives.ReadUInt32LittleEndian(index[^4..]));
        ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(index[(innerLinear * 16)..]);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(index[((innerLinear * 16) + 8)..]);
        Assert.NotEqual(ulong.MaxValue, offset);
        return ((long)offset, (long)length);
    }

    private static byte[] Element(long n) => V3TestData.Element("uint16", n);

    private static bool Empty(long[] globalInner) =>
        (globalInner[0] == 0 && globalInner[1] == 1) || (globalInner[0] == 4 && globalInner[1] == 2);

    private static bool InMissingShard(long[] globalInner) => globalInner[0] / 2 == 2 && globalInner[1] / 2 == 1;

    private static byte[] Expected() =>
        V3TestData.Expected(Shape, Inner, Element, [0x2A, 0], c => Empty(c) || InMissingShard(c));

    /// <summary>
    /// Writes the array: fill 42, every shard but (2, 1), inner chunks stored in reverse C order (the spec allows any
    /// order), so that offsets in the index are not simply increasing.
    /// </summary>
    internal static async Task<MemoryStore> WriteHandBuiltAsync(MemoryStore store, bool indexAtStart, bool innerBigEndianGzip, bool indexBigEndianNoCrc)
    {
        string innerCodecs = innerBigEndianGzip ? $"[{V3TestData.BytesBig}, {{\"name\": \"gzip\", \"configuration\": {{\"level\": 1}}}}]" : $"[{V3TestData.BytesLittle}]";
        string indexCodecs = indexBigEndianNoCrc ? $"[{V3TestData.BytesBig}]" : $"[{V3TestData.BytesLittle}, {V3TestData.Crc32C}]";
        string location = indexAtStart ? "start" : "end";
        string codecs = $"[{{\"name\": \"sharding_indexed\", \"configuration\": {{\"chunk_shape\": [2, 2], \"codecs\": {innerCodecs}, \"index_codecs\": {indexCodecs}, \"index_location\": \"{location}\"}}}}]";
        await store.SetAsync($"{Path}/zarr.json", V3TestData.ArrayDocument("[10, 6]", "uint16", "[4, 4]", "42", codecs));
        int indexLength = (4 * 16) + (indexBigEndianNoCrc ? 0 : 4);
        foreach (long[] shard in V3TestData.Indices([3, 2]))
        {
            if (shard[0] == 2 && shard[1] == 1)
            {
                continue;
            }

            var entries = new (ulong Offset, ulong NBytes)[4];
            var data = new List<byte>();
            int start = indexAtStart ? indexLength : 0;
            for (int linear = 3; linear >= 0; linear--)
            {
                long[] globalInner = [(shard[0] * 2) + (linear / 2), (shard[1] * 2) + (linear % 2)];
                if (Empty(globalInner))
                {
                    entries[linear] = (ShardingTestData.Empty, ShardingTestData.Empty);
                    continue;
                }

                byte[] raw = V3TestData.Chunk(Shape, Inner, globalInner, 2, Element);
                byte[] encoded = innerBigEndianGzip ? V3TestData.Gzip(V3TestData.SwapItems(raw, 2)) : raw;
                entries[linear] = ((ulong)(start + data.Count), (ulong)encoded.Length);
                data.AddRange(encoded);
            }

            byte[] index = ShardingTestData.Index(indexBigEndianNoCrc, !indexBigEndianNoCrc, entries);
            byte[] bytes = indexAtStart ? [.. index, .. data] : [.. data, .. index];
            await store.SetAsync($"{Path}/c/{shard[0]}/{shard[1]}", bytes);
        }

        return store;
    }
}
