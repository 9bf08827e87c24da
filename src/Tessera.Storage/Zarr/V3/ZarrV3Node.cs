using System.Text.Json.Nodes;

namespace Tessera.Zarr.V3;

/// <summary>The contents of a Zarr v3 <c>zarr.json</c> document: an array (<see cref="ZarrV3Metadata"/>) or a group (<see cref="ZarrV3Group"/>).</summary>
public abstract record ZarrV3Node
{
    /// <summary>The name of the metadata document of every v3 node.</summary>
    public const string MetadataKey = "zarr.json";

    /// <summary>User attributes (a copy of the document's <c>attributes</c>; empty when absent).</summary>
    public JsonObject Attributes { get; init; } = [];

    /// <summary>
    /// Parses a <c>zarr.json</c> document of either node type; <paramref name="source"/> names it in errors.
    /// </summary>
    /// <exception cref="ZarrFormatException">
    /// The document is not valid JSON, its <c>zarr_format</c> is not 3, its <c>node_type</c> is neither
    /// <c>array</c> nor <c>group</c>, or the node's fields are invalid.
    /// </exception>
    public static ZarrV3Node Parse(ReadOnlySpan<byte> json, string source)
    {
        JsonObject root = ZarrJson.ParseObject(json, source);
        return ReadNodeType(root, source) == "array"
            ? ZarrV3Metadata.ParseCore(root, source)
            : ZarrV3Group.ParseCore(root, source);
    }

    /// <summary>The canonical <c>zarr.json</c> document; <see cref="Parse"/> reads it back to an equal node.</summary>
    public abstract JsonObject ToJson();

    /// <summary>Checks <c>zarr_format</c> and returns <c>node_type</c>, which is <c>array</c> or <c>group</c>.</summary>
    internal static string ReadNodeType(JsonObject root, string source)
    {
        int format = ZarrJson.GetInt(root, "zarr_format", source);
        if (format != 3)
        {
            throw new ZarrFormatException($"'{source}': zarr_format is {format}; a zarr.json document must say 3. (Zarr v2 keeps metadata in .zarray and .zgroup instead.)");
        }

        string nodeType = V3Json.GetString(root, "node_type", "'array' or 'group'", source);
        return nodeType is "array" or "group"
            ? nodeType
            : throw new ZarrFormatException($"'{source}': node_type '{nodeType}' is neither 'array' nor 'group'.");
    }

    /// <summary>Whether the attributes of both nodes are equal as JSON.</summary>
    public virtual bool Equals(ZarrV3Node? other) =>
        other is not null && EqualityContract == other.EqualityContract && JsonNode.DeepEquals(Attributes, other.Attributes);

    /// <inheritdoc/>
    public override int GetHashCode() => EqualityContract.GetHashCode();
}
