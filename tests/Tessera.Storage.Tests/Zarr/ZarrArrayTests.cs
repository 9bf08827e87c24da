using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr;

public sealed class ZarrArrayTests
{
    public static TheoryData<string, MemoryOrder> Layouts() => new()
    {
        { "<u2", MemoryOrder.C },
        { ">u2", MemoryOrder.C },
        { "<f4", MemoryOrder.F },
        { ">f8", MemoryOrder.F },
        { "|u1", MemoryOrder.C },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task ZarrArray_RandomRegionWritesMatchDenseReference(string dtype, MemoryOrder order)
    {
        long[] shape = [11, 17, 7];
        var array = await ZarrTestArrays.CreateAsync(new MemoryStore(), dtype, shape, [4, 5, 3], new JsonObject { ["id"] = "zlib", ["level"] = 1 }, order);
        int item = array.DataType.ItemSize;
        var reference = new byte[11 * 17 * 7 * item];
        var random = new Random(7);

        for (int round = 0; round < 25; round++)
        {
            long[] origin = new long[3];
            int[] extent = new int[3];
            for (int a = 0; a < 3; a++)
            {
                origin[a] = random.Next((int)shape[a]);
                extent[a] = 1 + random.Next((int)(shape[a] - origin[a]));
            }

            var patch = new byte[extent[0] * extent[1] * extent[2] * item];
            random.NextBytes(patch);
            if (dtype.Contains('f', StringComparison.Ordinal))
            {
                // Random bytes may form NaNs whose payload is not preserved bit for bit: use real numbers.
                for (int i = 0; i < patch.Length; i += item)
                {
                    if (item == 4) { BinaryPrimitives.WriteSingleLittleEndian(patch.AsSpan(i), random.NextSingle()); }
                    else { BinaryPrimitives.WriteDoubleLittleEndian(patch.AsSpan(i), random.NextDouble()); }
                }
            }

            await array.WriteRegionAsync(origin, extent, patch);
            ByteRegionCopy.CopyRegion(patch, extent, new long[3], reference, [11, 17, 7], origin, extent, item);
        }

        var actual = new byte[reference.Length];
        await array.ReadRegionAsync(new long[3], [11, 17, 7], actual);
        Assert.Equal(reference, actual);

        // A region that straddles chunks reads the same elements as the dense reference.
        var part = new byte[3 * 9 * 4 * item];
        await array.ReadRegionAsync([3, 4, 2], [3, 9, 4], part);
        var expected = new byte[part.Length];
        ByteRegionCopy.CopyRegion(reference, [11, 17, 7], [3, 4, 2], expected, [3, 9, 4], new long[3], [3, 9, 4], item);
        Assert.Equal(expected, part);
    }

    [Fact]
    public async Task ZarrArray_TypedBufferRoundTripsAndRefusesOtherTypes()
    {
        var array = await ZarrTestArrays.CreateAsync(new MemoryStore(), "<u2", [5, 6], [2, 4]);
        using var buffer = NDBuffer<ushort>.Allocate([5, 6]);
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer.Span[i] = (ushort)(i * 1000);
        }

        await array.WriteRegionAsync([0, 0], buffer);
        using var back = NDBuffer<ushort>.Allocate([2, 3]);
        await array.ReadRegionAsync([3, 2], back);
        Assert.Equal(buffer[3, 2], back[0, 0]);
        Assert.Equal(buffer[4, 4], back[1, 2]);

        using var wrong = NDBuffer<float>.Allocate([2, 3]);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => array.ReadRegionAsync([0, 0], wrong));
        Assert.Contains("uint16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZarrArray_ChunkKeysFollowTheSeparator()
    {
        var dot = await ZarrArray.CreateAsync(new MemoryStore(), "", ZarrTestArrays.Metadata("<u2", [4, 4, 4], [2, 2, 2]));
        var slash = await ZarrArray.CreateAsync(new MemoryStore(), "group/data", ZarrTestArrays.Metadata("<u2", [4, 4, 4], [2, 2, 2], separator: '/'));
        var scalar = await ZarrArray.CreateAsync(new MemoryStore(), "", ZarrTestArrays.Metadata("<u2", [], []));
        Assert.Equal("1.0.1", dot.ChunkKey([1, 0, 1]));
        Assert.Equal("group/data/1/0/1", slash.ChunkKey([1, 0, 1]));
        Assert.Equal("0", scalar.ChunkKey([]));
    }

    [Fact]
    public async Task ZarrArray_RegionOutsideArrayIsRefused()
    {
        var array = await ZarrTestArrays.CreateAsync(new MemoryStore(), "<u2", [5, 6], [2, 4]);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => array.ReadRegionAsync([4, 0], [2, 6], new byte[24]));
    }

    [Fact]
    public async Task ZarrArray_CreateWithoutMetadataLeavesNoArrayUntilCommitted()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", ZarrTestArrays.Metadata("<u2", [4], [2]), writeMetadata: false);
        await array.WriteChunkAsync([0], new byte[4]);
        Assert.False(await store.ExistsAsync(ZarrV2Metadata.ArrayKey));
        await array.WriteMetadataAsync();
        Assert.True(await store.ExistsAsync(ZarrV2Metadata.ArrayKey));
    }
}
