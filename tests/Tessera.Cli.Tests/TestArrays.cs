using System.Text.Json.Nodes;
using Tessera.DataTypes;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Tests;

/// <summary>Creates Zarr arrays filled with seeded random data, and reads them back whole.</summary>
internal static class TestArrays
{
    public static JsonObject Zstd(int level = 3) => new() { ["id"] = "zstd", ["level"] = level };

    public static async Task<byte[]> CreateAsync(
        string folder, long[] shape, int[] chunks, string dtype = "<u2", JsonObject? compressor = null,
        JsonNode? fillValue = null, MemoryOrder order = MemoryOrder.C, char separator = '.', JsonObject? attributes = null, int seed = 1)
    {
        var dataType = DataType.Parse(dtype);
        var metadata = new ZarrV2Metadata
        {
            Shape = shape,
            Chunks = chunks,
            DataType = dataType,
            Compressor = compressor,
            FillValue = FillValue.Parse(fillValue ?? JsonValue.Create(0), dataType),
            Order = order,
            DimensionSeparator = separator,
        };
        var array = await ZarrArray.CreateAsync(new FileSystemStore(folder), "", metadata);
        var data = new byte[ShapeMath.Product(shape) * dataType.ItemSize];
        new Random(seed).NextBytes(data);
        await array.WriteRegionAsync(new long[shape.Length], Array.ConvertAll(shape, s => (int)s), data);
        if (attributes is not null)
        {
            await array.WriteAttributesAsync(attributes);
        }

        return data;
    }

    public static async Task<byte[]> ReadAllAsync(string folder)
    {
        var array = await ZarrArray.OpenAsync(folder);
        var data = new byte[ShapeMath.Product(array.Shape) * array.DataType.ItemSize];
        await array.ReadRegionAsync(new long[array.Rank], Array.ConvertAll(array.Shape.ToArray(), s => (int)s), data);
        return data;
    }

    /// <summary>Every entry of <paramref name="parent"/> whose name mentions <paramref name="name"/>, to check that no staging folders are left.</summary>
    public static string[] Leftovers(string parent, string name) =>
        [.. Directory.EnumerateFileSystemEntries(parent).Where(p => Path.GetFileName(p).Contains(name, StringComparison.Ordinal))];
}
