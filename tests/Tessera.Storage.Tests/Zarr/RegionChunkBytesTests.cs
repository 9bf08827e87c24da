using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr;

public sealed class RegionChunkBytesTests
{
    // Region shape, chunk start inside it (region coordinates), chunk shape, item size.
    public static TheoryData<int[], int[], int[], int> Cases => new()
    {
        { [], [], [], 4 },
        { [40], [7], [13], 2 },
        { [9, 11], [2, 3], [4, 5], 1 },
        { [9, 11], [2, 0], [4, 11], 4 },
        { [3, 6, 10], [1, 2, 0], [2, 3, 10], 8 },
        { [3, 6, 10], [0, 0, 0], [3, 6, 10], 2 },
        { [2, 2, 8, 12, 12], [1, 0, 0, 6, 0], [1, 1, 8, 6, 12], 2 },
        { [1, 1, 8, 16, 16], [0, 0, 0, 8, 8], [1, 1, 8, 8, 8], 2 },
        { [2, 3, 4, 5, 6], [1, 1, 1, 1, 1], [1, 2, 3, 4, 5], 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RegionChunkBytes_AnyPieceEqualsTheChunkCutOutElementByElement(int[] regionShape, int[] chunkAt, int[] chunkShape, int itemSize)
    {
        var random = new Random(regionShape.Sum() + chunkShape.Sum());
        byte[] region = new byte[regionShape.Aggregate(1, (a, b) => a * b) * itemSize];
        random.NextBytes(region);
        long[] origin = [.. regionShape.Select((_, d) => (long)(d * 100))];
        long[] chunkStart = [.. chunkAt.Select((c, d) => origin[d] + c)];
        byte[] expected = CutOut(region, regionShape, chunkAt, chunkShape, itemSize);

        var gathered = new RegionChunkBytes(() => region, origin, regionShape, chunkStart, chunkShape, itemSize);

        Assert.Equal(expected.Length, gathered.Length);
        byte[] whole = new byte[gathered.Length];
        gathered.CopyTo(0, whole);
        Assert.Equal(expected, whole);
        for (int trial = 0; trial < 50; trial++)
        {
            int offset = random.Next(expected.Length);
            int length = random.Next(expected.Length - offset + 1);
            byte[] piece = new byte[length];
            gathered.CopyTo(offset, piece);
            Assert.Equal(expected.AsSpan(offset, length).ToArray(), piece);
        }
    }

    [Fact]
    public async Task WriteRegion_StoresTheSameChunkBytesAsWritingEachChunkWhole()
    {
        // Interior chunks are encoded straight from the region; edge chunks are padded with the fill value first. Both
        // must store exactly what writing the assembled chunk stores.
        var blosc = new JsonObject { ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 };
        long[] shape = [2, 3, 20, 37, 41];
        int[] chunks = [1, 1, 8, 16, 16];
        byte[] data = new byte[shape.Aggregate(1L, (a, b) => a * b) * 2];
        var random = new Random(11);
        for (int i = 0; i < data.Length; i += 2)
        {
            data[i] = (byte)random.Next(256);
            data[i + 1] = (byte)random.Next(4);
        }

        var byRegion = new MemoryStore();
        var region = await ZarrTestArrays.CreateAsync(byRegion, "<u2", shape, chunks, blosc);
        await region.WriteRegionAsync(new long[5], [.. shape.Select(s => (int)s)], data);

        var byChunk = new MemoryStore();
        var whole = await ZarrTestArrays.CreateAsync(byChunk, "<u2", shape, chunks, blosc);
        var grid = region.Grid;
        foreach (long[] index in grid.ChunksIntersecting(new long[5], shape))
        {
            long[] start = [.. index.Select((c, d) => c * chunks[d])];
            int[] at = [.. start.Select(s => (int)s)];
            int[] extent = [.. chunks.Select((c, d) => (int)Math.Min(c, shape[d] - start[d]))];
            byte[] chunk = new byte[chunks.Aggregate(1, (a, b) => a * b) * 2];
            byte[] inside = CutOut(data, [.. shape.Select(s => (int)s)], at, extent, 2);
            Paste(inside, extent, chunk, chunks, 2);
            await whole.WriteChunkAsync(index, chunk);
        }

        var keys = await byRegion.ListAsync("").ToListAsync();
        Assert.Equal(2 * 3 * 3 * 3 * 3, keys.Count(k => !k.StartsWith('.')));
        foreach (string key in keys)
        {
            using var a = await byRegion.GetAsync(key);
            using var b = await byChunk.GetAsync(key);
            Assert.Equal(b!.Memory.ToArray(), a!.Memory.ToArray());
        }
    }

    /// <summary>The C-order bytes of the box at <paramref name="at"/> of <paramref name="shape"/> in <paramref name="array"/>.</summary>
    private static byte[] CutOut(byte[] array, int[] shape, int[] at, int[] box, int itemSize)
    {
        byte[] result = new byte[box.Aggregate(1, (a, b) => a * b) * itemSize];
        ForEachElement(box, (i, index) => Array.Copy(array, Linear(shape, at, index) * itemSize, result, (long)i * itemSize, itemSize));
        return result;
    }

    /// <summary>Puts a C-order box of <paramref name="box"/> at the origin of a zeroed <paramref name="shape"/> array.</summary>
    private static void Paste(byte[] boxBytes, int[] box, byte[] array, int[] shape, int itemSize) =>
        ForEachElement(box, (i, index) => Array.Copy(boxBytes, (long)i * itemSize, array, Linear(shape, new int[shape.Length], index) * itemSize, itemSize));

    /// <summary>Calls <paramref name="action"/> with each C-order position in <paramref name="box"/> and its index.</summary>
    private static void ForEachElement(int[] box, Action<int, int[]> action)
    {
        int count = box.Aggregate(1, (a, b) => a * b);
        int[] index = new int[box.Length];
        for (int i = 0; i < count; i++)
        {
            int rest = i;
            for (int d = box.Length - 1; d >= 0; d--)
            {
                index[d] = rest % box[d];
                rest /= box[d];
            }

            action(i, index);
        }
    }

    /// <summary>The C-order element offset of <paramref name="at"/> + <paramref name="index"/> in an array of <paramref name="shape"/>.</summary>
    private static long Linear(int[] shape, int[] at, int[] index)
    {
        long offset = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            offset = (offset * shape[d]) + at[d] + index[d];
        }

        return offset;
    }
}
