using Tessera.Codecs;
using Tessera.Stores;
using Tessera.Zarr;
using Tessera.Zarr.V3;

namespace Tessera.Storage.Tests.Zarr.V3;

// Bad v3 input is refused with a message naming the file and the field; failed writes leave nothing half-written.
public sealed class ZarrV3BadInputTests
{
    private const string Path = "data/sharded.zarr";

    [Fact]
    public async Task UnknownNodeType_IsRefusedByArrayAndNodeOpen()
    {
        var store = new MemoryStore();
        await store.SetAsync("x/zarr.json", """{"zarr_format": 3, "node_type": "table", "attributes": {}}"""u8.ToArray());

        var array = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, "x"));
        var node = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrNode.OpenAsync(store, "x"));

        Assert.All([array.Message, node.Message], m => Assert.Contains("memory://x/zarr.json': node_type 'table' is neither 'array' nor 'group'", m));
    }

    [Fact]
    public async Task ChunksLargerThanOneBuffer_AreRefusedNamingFileAndField()
    {
        // 64 × 4096 × 4096 uint16 = 2 GiB decoded, one byte more than a .NET array holds.
        var store = new MemoryStore();
        await store.SetAsync("x/zarr.json", V3TestData.ArrayDocument("[64, 8192, 8192]", "uint16", "[64, 4096, 4096]", "0", $"[{V3TestData.BytesLittle}]"));
        await store.SetAsync("y/.zarray", System.Text.Encoding.UTF8.GetBytes(
            """{"zarr_format": 2, "shape": [64, 8192, 8192], "chunks": [64, 4096, 4096], "dtype": "<u2", "compressor": null, "fill_value": 0, "filters": null, "order": "C"}"""));

        var v3 = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, "x"));
        var v2 = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, "y"));

        Assert.Contains("memory://x/zarr.json", v3.Message);
        Assert.Contains("chunk_shape", v3.Message);
        Assert.Contains("memory://y/.zarray", v2.Message);
        Assert.Contains("chunks", v2.Message);
    }

    [Fact]
    public async Task UnsupportedCodecName_IsRefusedNamingFileAndCodec()
    {
        var store = new MemoryStore();
        await store.SetAsync("x/zarr.json", V3TestData.ArrayDocument("[4]", "uint8", "[2]", "0", $$"""[{{V3TestData.BytesLittle}}, {"name": "lz77"}]"""));

        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, "x"));

        Assert.Contains("memory://x/zarr.json", error.Message);
        Assert.Contains("'lz77'", error.Message);
    }

    [Fact]
    public async Task ShardingCombinedWithOtherCodecs_IsRefused()
    {
        var store = new MemoryStore();
        string codecs = $$$"""[{"name": "sharding_indexed", "configuration": {"chunk_shape": [2], "codecs": [{{{V3TestData.BytesLittle}}}], "index_codecs": [{{{V3TestData.BytesLittle}}}]}}, {{{V3TestData.Crc32C}}}]""";
        await store.SetAsync("x/zarr.json", V3TestData.ArrayDocument("[4]", "uint8", "[4]", "0", codecs));

        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, "x"));

        Assert.Contains("memory://x/zarr.json", error.Message);
        Assert.Contains("'sharding_indexed' must be the only codec", error.Message);
    }

    // The index's crc32c is checked on partial reads (index read by range) and on whole-shard reads alike.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ShardIndexWithAWrongChecksum_IsRefused(bool whole)
    {
        var store = await ZarrV3ShardedArrayTests.WriteHandBuiltAsync(new MemoryStore(), indexAtStart: false, innerBigEndianGzip: false, indexBigEndianNoCrc: false);
        byte[] shard = (await store.GetAsync($"{Path}/c/0/0"))!.Span.ToArray();
        shard[^1] ^= 0x01;
        await store.SetAsync($"{Path}/c/0/0", shard);
        var array = await ZarrArray.OpenAsync(store, Path);

        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => ReadAsync(array, whole));

        Assert.Contains($"memory://{Path}/c/0/0", error.Message);
        Assert.Contains("crc32c checksum", error.Message);
    }

    // With the index at the start, cutting the end of a shard leaves a valid index whose last entry points past the end.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ShardShorterThanItsIndexSays_IsRefused(bool whole)
    {
        var store = await ZarrV3ShardedArrayTests.WriteHandBuiltAsync(new MemoryStore(), indexAtStart: true, innerBigEndianGzip: false, indexBigEndianNoCrc: false);
        byte[] shard = (await store.GetAsync($"{Path}/c/0/0"))!.Span.ToArray();
        await store.SetAsync($"{Path}/c/0/0", shard[..^3]);
        var array = await ZarrArray.OpenAsync(store, Path);

        // Inner chunk (0, 0), stored last (the test data writes inner chunks in reverse order), is the one cut.
        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => ReadAsync(array, whole));

        Assert.Contains($"memory://{Path}/c/0/0", error.Message);
        Assert.Contains("shorter than its index says", error.Message);
        Assert.Contains("inner chunk [0, 0]", error.Message, StringComparison.Ordinal);
    }

    // A shard cut inside its index (at the end) is refused whether read whole or in part, never read as garbage.
    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 10)]
    [InlineData(true, 60)]
    [InlineData(false, 60)]
    public async Task ShardTruncatedIntoItsIndex_IsRefused(bool whole, int keep)
    {
        var store = await ZarrV3ShardedArrayTests.WriteHandBuiltAsync(new MemoryStore(), indexAtStart: false, innerBigEndianGzip: false, indexBigEndianNoCrc: false);
        byte[] shard = (await store.GetAsync($"{Path}/c/0/0"))!.Span.ToArray();
        await store.SetAsync($"{Path}/c/0/0", shard[..keep]);
        var array = await ZarrArray.OpenAsync(store, Path);

        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => ReadAsync(array, whole));

        Assert.Contains($"memory://{Path}/c/0/0", error.Message);
        Assert.Matches("truncated|fewer than its index|shorter than its", error.Message);
    }

    // Blosc with cname blosclz is read but not written by Tessera. A failed shard write through FileSystemStore leaves
    // the previous shard as it was and no partial or temporary file.
    [Fact]
    public async Task FailedShardWrite_LeavesThePreviousShardAndNoPartialFile()
    {
        using var folder = new TempDirectory();
        var store = new FileSystemStore(folder.Path);
        string Codecs(string cname) =>
            $$$"""[{"name": "sharding_indexed", "configuration": {"chunk_shape": [2, 2], "codecs": [{{{V3TestData.BytesLittle}}}, {"name": "blosc", "configuration": {"cname": "{{{cname}}}", "clevel": 5, "shuffle": "noshuffle", "typesize": 1, "blocksize": 0}}], "index_codecs": [{{{V3TestData.BytesLittle}}}]}}]""";
        var lz4 = await ZarrArray.CreateAsync(store, "a", ZarrV3Metadata.Parse(V3TestData.ArrayDocument("[4, 4]", "uint8", "[4, 4]", "0", Codecs("lz4")), "test"));
        byte[] data = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];
        await lz4.WriteRegionAsync([0, 0], [4, 4], data);
        string shardFile = folder.Combine("a", "c", "0", "0");
        byte[] before = File.ReadAllBytes(shardFile);
        var blosclz = await ZarrArray.CreateAsync(store, "a", ZarrV3Metadata.Parse(V3TestData.ArrayDocument("[4, 4]", "uint8", "[4, 4]", "0", Codecs("blosclz")), "test"));

        var region = await Assert.ThrowsAsync<CodecException>(() => blosclz.WriteRegionAsync([1, 1], [1, 1], new byte[] { 99 }));
        var chunk = await Assert.ThrowsAsync<CodecException>(async () => await blosclz.WriteChunkAsync([0, 0], Enumerable.Repeat((byte)5, 16).ToArray()));

        Assert.Contains("blosclz", region.Message);
        Assert.Contains("blosclz", chunk.Message);
        Assert.Equal(before, File.ReadAllBytes(shardFile));
        Assert.Equal(["0"], Directory.GetFileSystemEntries(folder.Combine("a", "c", "0")).Select(System.IO.Path.GetFileName));
        var read = new byte[16];
        await blosclz.ReadRegionAsync([0, 0], [4, 4], read);
        Assert.Equal(data, read);
    }

    private static async Task ReadAsync(ZarrArray array, bool whole)
    {
        if (whole)
        {
            var shard = new byte[array.ChunkByteLength];
            await array.ReadChunkAsync([0, 0], shard);
        }
        else
        {
            var part = new byte[2];
            await array.ReadRegionAsync([0, 1], [1, 1], part);
        }
    }
}
