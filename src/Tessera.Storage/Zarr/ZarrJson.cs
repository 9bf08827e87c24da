using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Zarr;

/// <summary>Reads and writes Zarr's JSON documents with errors that name the file and field.</summary>
internal static class ZarrJson
{
    private static readonly JsonSerializerOptions s_indented = new()
    {
        WriteIndented = true,
        IndentSize = 4,

        // Write '<', '>' and quotes as they are (e.g. "dtype": "<u2"), as zarr-python does; the files are UTF-8 JSON, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses a document that must be a JSON object.</summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new ZarrFormatException($"'{source}' is not valid JSON: {ex.Message}", ex);
        }

        return node as JsonObject
            ?? throw new ZarrFormatException($"'{source}' must hold a JSON object; found {node?.ToJsonString() ?? "null"}.");
    }

    /// <summary>The document as UTF-8 bytes, indented by 4 as zarr-python writes it.</summary>
    public static byte[] ToBytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(s_indented) + "\n");

    public static int GetInt(JsonObject root, string name, string source) =>
        root[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i)
            ? i
            : throw new ZarrFormatException($"'{source}': field '{name}' must be an integer; found {root[name]?.ToJsonString() ?? "nothing"}.");

    public static long[] GetLongArray(JsonObject root, string name, string source)
    {
        if (root[name] is not JsonArray array)
        {
            throw new ZarrFormatException($"'{source}': field '{name}' must be a list of integers; found {root[name]?.ToJsonString() ?? "nothing"}.");
        }

        var result = new long[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            result[i] = array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long l)
                ? l
                : throw new ZarrFormatException($"'{source}': field '{name}' must be a list of integers; element {i} is {array[i]?.ToJsonString() ?? "null"}.");
        }

        return result;
    }
}
