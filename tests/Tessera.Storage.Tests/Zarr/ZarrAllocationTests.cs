using Tessera.Buffers;
using Tessera.Stores;

namespace Tessera.Storage.Tests.Zarr;

[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

/// <summary>Steady-state chunk reads reuse pooled memory: allocation per read is far below the chunk size.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class ZarrAllocationTests
{
    [Fact]
    public async Task ZarrArray_SteadyStateChunkReadsAllocateNoChunkSizedMemory()
    {
        using var folder = new TempDirectory();
        var store = new FileSystemStore(folder.Path);
        var array = await ZarrTestArrays.CreateAsync(store, "<u2", [4, 256, 256], [1, 256, 256], new System.Text.Json.Nodes.JsonObject { ["id"] = "lz4" });
        using var volume = NDBuffer<ushort>.Allocate([4, 256, 256]);
        for (int i = 0; i < volume.Length; i++)
        {
            volume.Span[i] = (ushort)(100 + (i % 977));
        }

        await array.WriteRegionAsync([0, 0, 0], volume);
        using var destination = NDBuffer<ushort>.Allocate([1, 256, 256]);
        for (int i = 0; i < 8; i++)
        {
            await array.ReadRegionAsync([i % 4, 0, 0], destination); // warm the pools
        }

        const int reads = 40;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < reads; i++)
        {
            await array.ReadRegionAsync([i % 4, 0, 0], destination);
        }

        long perRead = (GC.GetTotalAllocatedBytes(precise: true) - before) / reads;
        int chunkBytes = 256 * 256 * 2;
        Assert.True(perRead < chunkBytes / 20, $"each read allocated {perRead} bytes; a chunk is {chunkBytes} bytes");
    }
}
