using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Zarr.V3;

/// <summary>Field readers for <c>zarr.json</c> documents whose errors name the file, the field and what is allowed.</summary>
internal static class V3Json
{
    /// <summary>
    /// Reads an extension point: <c>{"name": ..., "configuration": {...}, "must_understand": bool}</c>, or the bare
    /// name as a string (the shorthand zarr-python accepts for extensions without configuration).
    /// </summary>
    public static (string Name, JsonObject? Configuration, bool MustUnderstand) ReadNamed(JsonNode? node, string field, string source)
    {
        if (node is JsonValue shorthand && shorthand.GetValueKind() == JsonValueKind.String)
        {
            return (shorthand.GetValue<string>(), null, true);
        }

        if (node is not JsonObject obj)
        {
            throw new ZarrFormatException($"'{source}': {field} must be an object such as {{\"name\": \"...\", \"configuration\": {{...}}}}; found {Describe(node)}.");
        }

        string name = obj["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String
            ? n.GetValue<string>()
            : throw new ZarrFormatException($"'{source}': {field} must have a string 'name'; found {Describe(obj["name"])}.");

        JsonObject? configuration = obj["configuration"] switch
        {
            null => null,
            JsonObject c => (JsonObject)c.DeepClone(),
            var other => throw new ZarrFormatException($"'{source}': the configuration of {field} '{name}' must be an object; found {other.ToJsonString()}."),
        };

        bool mustUnderstand = obj["must_understand"] switch
        {
            null => true,
            JsonValue b when b.GetValueKind() is JsonValueKind.True or JsonValueKind.False => b.GetValue<bool>(),
            var other => throw new ZarrFormatException($"'{source}': must_understand of {field} '{name}' must be true or false; found {other.ToJsonString()}."),
        };

        foreach (var (key, _) in obj)
        {
            if (key is not ("name" or "configuration" or "must_understand"))
            {
                throw new ZarrFormatException($"'{source}': {field} '{name}' has unknown key '{key}'; allowed keys are name, configuration and must_understand.");
            }
        }

        return (name, configuration, mustUnderstand);
    }

    /// <summary>
    /// Checks that every top-level key is in <paramref name="known"/>, or is an extension object marked
    /// <c>"must_understand": false</c>, which the spec lets readers skip (core spec, "Extensions").
    /// </summary>
    public static void CheckFields(JsonObject root, string[] known, string nodeType, string source)
    {
        foreach (var (key, value) in root)
        {
            if (Array.IndexOf(known, key) >= 0)
            {
                continue;
            }

            bool skippable = value is JsonObject ext
                && ext["must_understand"] is JsonValue mu && mu.GetValueKind() == JsonValueKind.False;
            if (!skippable)
            {
                throw new ZarrFormatException(
                    $"'{source}': unknown field '{key}' in a Zarr v3 {nodeType} document; allowed fields are {string.Join(", ", known)}, " +
                    "and extension objects marked \"must_understand\": false.");
            }
        }
    }

    /// <summary>Reads the optional <c>attributes</c> object (empty when absent).</summary>
    public static JsonObject ReadAttributes(JsonObject root, string source) => root["attributes"] switch
    {
        null => [],
        JsonObject o => (JsonObject)o.DeepClone(),
        var other => throw new ZarrFormatException($"'{source}': field 'attributes' must be an object; found {other.ToJsonString()}."),
    };

    /// <summary>Reads a required string field.</summary>
    public static string GetString(JsonObject root, string name, string allowed, string source) =>
        root[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new ZarrFormatException($"'{source}': field '{name}' must be a string ({allowed}); found {Describe(root[name])}.");

    /// <summary>A shape or index as its JSON list, e.g. <c>[64, 64]</c>, as it appears in zarr.json.</summary>
    public static string FormatList(ReadOnlySpan<long> values) => "[" + string.Join(", ", values.ToArray()) + "]";

    /// <summary>The JSON text of <paramref name="node"/> for messages, or <c>nothing</c> when the field is absent.</summary>
    public static string Describe(JsonNode? node) => node?.ToJsonString() ?? "nothing";
}
