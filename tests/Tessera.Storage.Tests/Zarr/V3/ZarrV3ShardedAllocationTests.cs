using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr.V3;

[Collection(nameof(AllocationSensitive))]
public sealed class ZarrV3ShardedAllocationTests
{
    // A partial read needs one inner chunk's buffer, not a whole shard's: reading 256 KiB of a 64 MiB shard must not
    // allocate (or pin in the pool) 64 MiB.
    [Fact]
    public async Task ReadingOneInnerChunk_AllocatesNoShardSizedBuffer()
    {
        var store = new MemoryStore();
        await store.SetAsync("a/zarr.json", V3TestData.ArrayDocument(
            "[512, 512, 256]",
            "uint8",
            "[512, 512, 256]",
            "0",
            """[{"name": "sharding_indexed", "configuration": {"chunk_shape": [64, 64, 64], "codecs": [{"name": "bytes"}], "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}]}}]"""));
        var array = await ZarrArray.OpenAsync(store, "a");
        var shard = new byte[512 * 512 * 256];
        shard[(((64 * 512) + 64) * 256) + 64] = 9;
        await array.WriteChunkAsync([0, 0, 0], shard);
        shard = null;
        var chunk = new byte[64 * 64 * 64];

        long before = GC.GetTotalAllocatedBytes(precise: true);
        await array.ReadRegionAsync([64, 64, 64], [64, 64, 64], chunk);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(9, chunk[0]);
        Assert.True(allocated < 4 << 20, $"a 256 KiB partial read allocated {allocated} bytes");
    }
}
