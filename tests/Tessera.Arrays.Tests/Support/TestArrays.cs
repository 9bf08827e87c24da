using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Arrays.Tests.Support;

/// <summary>Builds small Zarr arrays on disk or in memory for the lazy-array tests.</summary>
internal static class TestArrays
{
    /// <summary>Writes <paramref name="data"/> as a Zarr v2 array in <paramref name="folder"/> (uncompressed unless told).</summary>
    public static async Task<ZarrArray> WriteAsync<T>(string folder, NDBuffer<T> data, int[] chunks, JsonObject? compressor = null)
        where T : unmanaged =>
        await WriteAsync(new FileSystemStore(folder), data, chunks, compressor);

    /// <summary>Writes <paramref name="data"/> as a Zarr v2 array at the root of <paramref name="store"/>.</summary>
    public static async Task<ZarrArray> WriteAsync<T>(IStore store, NDBuffer<T> data, int[] chunks, JsonObject? compressor = null)
        where T : unmanaged
    {
        var metadata = new ZarrV2Metadata
        {
            Shape = data.Shape.ToArray().Select(s => (long)s).ToArray(),
            Chunks = chunks,
            DataType = DataType.For<T>(),
            Compressor = compressor,
            FillValue = FillValue.Zero(DataType.For<T>()),
        };
        var array = await ZarrArray.CreateAsync(store, "", metadata);
        await array.WriteRegionAsync(new long[data.Rank], data);
        return array;
    }

    /// <summary>Seeded random integers in <c>[0, max)</c>.</summary>
    public static NDBuffer<ushort> RandomUInt16(int[] shape, int seed, int max = 4096)
    {
        var random = new Random(seed);
        var buffer = NDBuffer<ushort>.Allocate(shape);
        foreach (ref ushort v in buffer.Span)
        {
            v = (ushort)random.Next(max);
        }

        return buffer;
    }

    /// <summary>Seeded random floats in <c>[lo, hi)</c>.</summary>
    public static NDBuffer<float> RandomFloat(int[] shape, int seed, float lo = 0, float hi = 1)
    {
        var random = new Random(seed);
        var buffer = NDBuffer<float>.Allocate(shape);
        foreach (ref float v in buffer.Span)
        {
            v = lo + ((hi - lo) * random.NextSingle());
        }

        return buffer;
    }

    /// <summary>Reads the whole of a Zarr array written by a job.</summary>
    public static async Task<NDBuffer<T>> ReadAllAsync<T>(string folder)
        where T : unmanaged
    {
        var array = await ZarrArray.OpenAsync(folder);
        var result = NDBuffer<T>.Allocate(array.Shape.ToArray().Select(s => (int)s).ToArray());
        await array.ReadRegionAsync(new long[array.Rank], result);
        return result;
    }

    /// <summary>A lazy array over <paramref name="data"/> written to an in-memory Zarr array in <paramref name="chunks"/>.</summary>
    public static async Task<LazyArray> SourceAsync<T>(NDBuffer<T> data, int[] chunks)
        where T : unmanaged =>
        LazyArray.FromZarr(await WriteAsync(new MemoryStore(), data, chunks));

    /// <summary>The C-order index of element <paramref name="flat"/> of an array of <paramref name="shape"/>.</summary>
    public static int[] Unravel(int flat, ReadOnlySpan<int> shape)
    {
        var index = new int[shape.Length];
        for (int a = shape.Length - 1; a >= 0; a--)
        {
            index[a] = flat % shape[a];
            flat /= shape[a];
        }

        return index;
    }
}
