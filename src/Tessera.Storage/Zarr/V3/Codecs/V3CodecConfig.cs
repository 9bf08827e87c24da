using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Zarr.V3.Codecs;

/// <summary>Reads a v3 codec's <c>configuration</c> with errors that name the file, the codec and the field.</summary>
internal readonly struct V3CodecConfig(JsonObject? configuration, string codec, string source)
{
    /// <summary>The codec name, for messages.</summary>
    public string Codec => codec;

    /// <summary>Throws when the configuration has a key outside <paramref name="known"/>.</summary>
    public void CheckKeys(params string[] known)
    {
        if (configuration is null)
        {
            return;
        }

        foreach (var (key, _) in configuration)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                string expected = known.Length == 0 ? "it takes no configuration" : "known fields: " + string.Join(", ", known);
                throw Error($"unknown configuration field '{key}'; {expected}.");
            }
        }
    }

    /// <summary>The node of <paramref name="field"/>, or null when absent.</summary>
    public JsonNode? Get(string field) => configuration?[field];

    /// <summary>The integer <paramref name="field"/>; <paramref name="fallback"/> when absent, or an error when null.</summary>
    public int GetInt(string field, int? fallback = null)
    {
        var node = Get(field);
        if (node is null && fallback is not null && !Has(field))
        {
            return fallback.Value;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int result)
            ? result
            : throw Error($"field '{field}' must be an integer; found {V3Json.Describe(node)}.");
    }

    /// <summary>The integer <paramref name="field"/> checked to lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int GetInt(string field, int min, int max, int? fallback = null)
    {
        int value = GetInt(field, fallback);
        return value >= min && value <= max
            ? value
            : throw Error($"field '{field}' is {value}; expected {min} to {max}.");
    }

    /// <summary>The string <paramref name="field"/>, one of <paramref name="allowed"/>; <paramref name="fallback"/> when absent.</summary>
    public string GetString(string field, string[] allowed, string? fallback = null)
    {
        var node = Get(field);
        if (node is null && fallback is not null && !Has(field))
        {
            return fallback;
        }

        string list = string.Join(", ", allowed.Select(a => $"\"{a}\""));
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String && Array.IndexOf(allowed, value.GetValue<string>()) >= 0
            ? value.GetValue<string>()
            : throw Error($"field '{field}' is {V3Json.Describe(node)}; expected one of {list}.");
    }

    /// <summary>The boolean <paramref name="field"/>; <paramref name="fallback"/> when absent.</summary>
    public bool GetBool(string field, bool fallback)
    {
        var node = Get(field);
        if (node is null && !Has(field))
        {
            return fallback;
        }

        return node?.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"field '{field}' must be true or false; found {V3Json.Describe(node)}."),
        };
    }

    /// <summary>An error about this codec: "'source': codec 'name': ..." followed by <paramref name="detail"/>.</summary>
    public ZarrFormatException Error(string detail) => new($"'{source}': codec '{codec}': {detail}");

    private bool Has(string field) => configuration?.ContainsKey(field) == true;
}
