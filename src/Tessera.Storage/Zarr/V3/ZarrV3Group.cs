using System.Text.Json.Nodes;

namespace Tessera.Zarr.V3;

/// <summary>
/// The contents of a Zarr v3 group's <c>zarr.json</c> (core spec, "Group metadata"): only attributes. A root's
/// <c>consolidated_metadata</c> is accepted and left to <see cref="ConsolidatedStore"/>.
/// </summary>
public sealed record ZarrV3Group : ZarrV3Node
{
    private static readonly string[] KnownFields = ["zarr_format", "node_type", "attributes", "consolidated_metadata"];

    /// <summary>Parses a group <c>zarr.json</c>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ZarrFormatException">The document is not valid v3 group metadata (or describes an array).</exception>
    public static new ZarrV3Group Parse(ReadOnlySpan<byte> json, string source)
    {
        JsonObject root = ZarrJson.ParseObject(json, source);
        return ReadNodeType(root, source) == "group"
            ? ParseCore(root, source)
            : throw new ZarrFormatException($"'{source}': node_type is 'array'; expected 'group'. Open it as an array instead.");
    }

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["zarr_format"] = 3,
        ["node_type"] = "group",
        ["attributes"] = Attributes.DeepClone(),
    };

    internal static ZarrV3Group ParseCore(JsonObject root, string source)
    {
        V3Json.CheckFields(root, KnownFields, "group", source);
        return new ZarrV3Group { Attributes = V3Json.ReadAttributes(root, source) };
    }
}
