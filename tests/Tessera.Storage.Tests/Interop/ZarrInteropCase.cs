using System.Text.Json.Nodes;

namespace Tessera.Storage.Tests.Interop;

/// <summary>
/// One array layout exercised in both directions between Tessera and zarr-python.
/// <paramref name="Compressor"/> is numcodecs' JSON configuration; <paramref name="WrittenRows"/> limits
/// the written part to the first rows along axis 0, leaving later chunks missing (read as fill).
/// </summary>
public sealed record ZarrInteropCase(
    string Name,
    string DataType,
    long[] Shape,
    int[] Chunks,
    JsonObject? Compressor,
    string Order = "C",
    string Separator = ".",
    JsonNode? FillValue = null,
    long? WrittenRows = null)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["dtype"] = DataType,
        ["shape"] = new JsonArray([.. Shape.Select(s => (JsonNode)s)]),
        ["chunks"] = new JsonArray([.. Chunks.Select(s => (JsonNode)s)]),
        ["compressor"] = Compressor?.DeepClone(),
        ["order"] = Order,
        ["separator"] = Separator,
        ["fill_value"] = FillValue?.DeepClone(),
        ["written_rows"] = WrittenRows,
    };

    public override string ToString() => Name;
}
