using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Codecs;

/// <summary>Reads typed fields of a codec's JSON configuration with errors that name the field.</summary>
internal static class CodecConfig
{
    /// <summary>The integer field <paramref name="name"/>, or <paramref name="fallback"/> when absent or null.</summary>
    public static int GetInt(JsonObject configuration, string name, int fallback)
    {
        var node = configuration[name];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int result))
        {
            return result;
        }

        throw new CodecException($"Codec '{configuration["id"]}': field '{name}' must be an integer; found {node.ToJsonString()}.");
    }

    /// <summary>The string field <paramref name="name"/>, or <paramref name="fallback"/> when absent or null.</summary>
    public static string GetString(JsonObject configuration, string name, string fallback)
    {
        var node = configuration[name];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.TryGetValue(out string? result))
        {
            return result;
        }

        throw new CodecException($"Codec '{configuration["id"]}': field '{name}' must be a string; found {node.ToJsonString()}.");
    }

    /// <summary>Checks that <paramref name="level"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int CheckLevel(string codecId, int level, int min, int max)
    {
        if (level < min || level > max)
        {
            throw new CodecException($"Codec '{codecId}': level {level} is out of range; use {min} to {max}.");
        }

        return level;
    }
}
