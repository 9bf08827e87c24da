using System.Text.Json.Nodes;

namespace Tessera.Zarr.V3;

/// <summary>
/// One entry of an array's <c>codecs</c> list as written in <c>zarr.json</c>: the codec's name and its
/// configuration, not yet resolved to a codec implementation.
/// </summary>
/// <param name="Name">The codec name, e.g. <c>bytes</c>, <c>zstd</c> or <c>sharding_indexed</c>.</param>
/// <param name="Configuration">The codec's configuration object, or null when the document gives none.</param>
public sealed record V3Codec(string Name, JsonObject? Configuration = null)
{
    /// <summary>False when the document marks the codec <c>"must_understand": false</c>.</summary>
    public bool MustUnderstand { get; init; } = true;

    /// <summary>The codec as a <c>{"name": ..., "configuration": ...}</c> object.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Name };
        if (Configuration is not null)
        {
            json["configuration"] = Configuration.DeepClone();
        }

        if (!MustUnderstand)
        {
            json["must_understand"] = false;
        }

        return json;
    }

    /// <summary>Whether the two codecs have the same name, configuration and flag (configurations compared as JSON).</summary>
    public bool Equals(V3Codec? other) =>
        other is not null && Name == other.Name && MustUnderstand == other.MustUnderstand
        && JsonNode.DeepEquals(Configuration, other.Configuration);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, MustUnderstand);
}
