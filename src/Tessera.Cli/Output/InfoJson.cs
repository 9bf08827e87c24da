using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Cli.Inspection;
using Tessera.Zarr;

namespace Tessera.Cli.Output;

/// <summary>
/// The JSON form of <c>tessera info --json</c>: one object whose field names follow <c>.zarray</c>
/// (<c>shape</c>, <c>dtype</c>, <c>chunks</c>, ...) plus what Tessera adds (<c>node_type</c>,
/// <c>chunk_grid</c>, <c>chunks_stored</c>, ...).
/// </summary>
internal static class InfoJson
{
    private static readonly JsonSerializerOptions s_indented = new()
    {
        WriteIndented = true,
        // Printed for people and tools, never embedded in HTML: keep <, > and ' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document for <paramref name="info"/>, indented.</summary>
    public static string Format(NodeInfo info) => Build(info).ToJsonString(s_indented);

    /// <summary>The document for <paramref name="info"/>.</summary>
    public static JsonObject Build(NodeInfo info) => info switch
    {
        ArrayInfo array => BuildArray(array),
        GroupInfo group => BuildGroup(group),
        _ => throw new ArgumentException($"Unknown node info {info.GetType().Name}.", nameof(info)),
    };

    private static JsonObject BuildArray(ArrayInfo info)
    {
        var m = info.Metadata;
        return new JsonObject
        {
            ["path"] = info.Location,
            ["zarr_format"] = 2,
            ["node_type"] = "array",
            ["shape"] = Numbers(m.Shape),
            ["dtype"] = m.DataType.TypeString,
            ["dtype_name"] = m.DataType.Name,
            ["chunks"] = Numbers(m.Chunks.Select(c => (long)c)),
            ["chunk_grid"] = Numbers(info.GridShape),
            ["chunk_count"] = info.ChunkCount,
            ["chunks_stored"] = info.Stored.Count,
            ["stored_bytes"] = info.Stored.Bytes,
            ["decoded_bytes"] = info.DecodedBytes,
            ["order"] = m.Order.ToString(),
            ["dimension_separator"] = m.DimensionSeparator.ToString(),
            ["compressor"] = m.Compressor?.DeepClone(),
            ["filters"] = null,
            ["fill_value"] = m.FillValue.Json?.DeepClone(),
            ["attributes"] = info.Attributes.DeepClone(),
        };
    }

    private static JsonObject BuildGroup(GroupInfo info) => new()
    {
        ["path"] = info.Location,
        ["zarr_format"] = 2,
        ["node_type"] = "group",
        ["members"] = new JsonArray([.. info.Members.Select(BuildMember)]),
        ["attributes"] = info.Attributes.DeepClone(),
    };

    private static JsonNode BuildMember(MemberInfo member)
    {
        var json = new JsonObject
        {
            ["name"] = member.Name,
            ["node_type"] = member.Kind == ZarrMemberKind.Group ? "group" : "array",
        };
        if (member.Metadata is { } m)
        {
            json["shape"] = Numbers(m.Shape);
            json["dtype"] = m.DataType.TypeString;
            json["chunks"] = Numbers(m.Chunks.Select(c => (long)c));
            json["compressor"] = m.Compressor?.DeepClone();
        }

        if (member.Error is not null)
        {
            json["error"] = member.Error;
        }

        return json;
    }

    private static JsonArray Numbers(IEnumerable<long> values) => new([.. values.Select(v => (JsonNode)v)]);
}
