using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Cli.Inspection;

namespace Tessera.Cli.Output;

/// <summary>
/// The JSON form of <c>tessera info FILE.tif --json</c>: storage (<c>pages</c>, <c>page_shape</c>, <c>dtype</c>,
/// <c>compression</c>, <c>tiled</c>, <c>bigtiff</c>, <c>byte_order</c>) and image (<c>metadata</c>, <c>axes</c>,
/// <c>shape</c>, <c>voxel_size</c>, <c>channels</c>, <c>files</c>).
/// </summary>
internal static class TiffInfoJson
{
    private static readonly JsonSerializerOptions s_indented = new()
    {
        WriteIndented = true,
        // Printed for people and tools, never embedded in HTML: keep <, > and ' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document for <paramref name="info"/>, indented.</summary>
    public static string Format(TiffInfo info) => Build(info).ToJsonString(s_indented);

    /// <summary>The document for <paramref name="info"/>.</summary>
    public static JsonObject Build(TiffInfo info)
    {
        var page = info.First;
        var m = info.Metadata;
        var v = m.VoxelSize;
        return new JsonObject
        {
            ["path"] = info.Path,
            ["node_type"] = "tiff",
            ["pages"] = info.Pages.Count,
            ["page_shape"] = new JsonArray(page.Height, page.Width),
            ["dtype"] = page.DataType.TypeString,
            ["dtype_name"] = page.DataType.Name,
            ["compression"] = info.Compressions.Count == 1 ? info.Compressions[0] : new JsonArray([.. info.Compressions.Select(c => (JsonNode)c)]),
            ["predictor"] = page.Predictor,
            ["tiled"] = page.IsTiled,
            ["block_shape"] = new JsonArray(page.BlockHeight, page.BlockWidth),
            ["bigtiff"] = info.BigTiff,
            ["byte_order"] = page.IsBigEndian ? "big" : "little",
            ["file_bytes"] = info.FileBytes,
            ["metadata"] = info.KindName,
            ["dimension_order"] = m.DimensionOrder,
            ["axes"] = new JsonArray("c", "t", "z", "y", "x"),
            ["shape"] = new JsonArray([.. m.Shape.Select(s => (JsonNode)s)]),
            ["voxel_size"] = info.HasVoxelSize ? new JsonObject { ["z"] = v.Z, ["y"] = v.Y, ["x"] = v.X, ["unit"] = v.Unit } : null,
            ["channels"] = new JsonArray([.. m.ChannelNames.Select(n => n is null ? null : (JsonNode)n)]),
            ["files"] = new JsonArray([.. m.FileNames.Select(f => (JsonNode)f)]),
        };
    }
}
