using System.Text.Json.Nodes;
using Tessera.DataTypes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr;

/// <summary>Builds arrays for the Zarr tests.</summary>
internal static class ZarrTestArrays
{
    public static ZarrV2Metadata Metadata(string dtype, long[] shape, int[] chunks, JsonObject? compressor = null, MemoryOrder order = MemoryOrder.C, JsonNode? fill = null, char separator = '.')
    {
        var type = DataType.Parse(dtype);
        return new ZarrV2Metadata
        {
            Shape = shape,
            Chunks = chunks,
            DataType = type,
            Compressor = compressor,
            FillValue = fill is null ? FillValue.Zero(type) : FillValue.Parse(fill, type),
            Order = order,
            DimensionSeparator = separator,
        };
    }

    public static Task<ZarrArray> CreateAsync(IStore store, string dtype, long[] shape, int[] chunks, JsonObject? compressor = null, MemoryOrder order = MemoryOrder.C, JsonNode? fill = null) =>
        ZarrArray.CreateAsync(store, "", Metadata(dtype, shape, chunks, compressor, order, fill));
}
