using System.Globalization;
using System.Text.Json.Nodes;

namespace Tessera.Cli.Output;

/// <summary>Human-readable forms of sizes, rates and codec configurations.</summary>
internal static class Formats
{
    private static readonly string[] s_units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>A byte count in binary units, e.g. <c>6.0 MiB</c>.</summary>
    public static string Bytes(double bytes)
    {
        int unit = 0;
        while (Math.Abs(bytes) >= 1024 && unit < s_units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {s_units[unit]}");
    }

    /// <summary>A number with a fixed number of decimals, independent of the user's culture.</summary>
    public static string Number(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A codec configuration as <c>blosc (cname=lz4, clevel=5, shuffle=1, blocksize=0)</c>, or <c>none</c>.</summary>
    public static string Codec(JsonObject? configuration)
    {
        if (configuration is null)
        {
            return "none";
        }

        string id = configuration["id"]?.ToString() ?? "?";
        var settings = configuration
            .Where(p => p.Key != "id")
            .Select(p => $"{p.Key}={(p.Value is JsonValue v && v.TryGetValue(out string? s) ? s : p.Value?.ToJsonString() ?? "null")}")
            .ToList();
        return settings.Count == 0 ? id : $"{id} ({string.Join(", ", settings)})";
    }

    /// <summary>
    /// The codecs of an array in one line: its v2 compressor (see <see cref="Codec"/>), or its v3 codec chain
    /// such as <c>bytes (endian=little) → zstd (level=3)</c>; a shard's inner chain shows in brackets.
    /// </summary>
    public static string Codecs(Zarr.ZarrArray array) => array.V3Metadata is { } v3
        ? V3Codecs(v3.Codecs.Select(c => c.ToJson()))
        : Codec(array.V2Metadata!.Compressor);

    /// <summary>
    /// The codecs in a few words for a table cell: the v2 compressor's id, or the v3 codec names with a shard's
    /// inner chain in brackets, e.g. <c>sharding_indexed [bytes → zstd]</c>.
    /// </summary>
    public static string CodecNames(Zarr.ZarrArray array) => array.V3Metadata is { } v3
        ? V3Names(v3.Codecs.Select(c => c.ToJson()))
        : array.V2Metadata!.Compressor?["id"]?.ToString() ?? "none";

    private static string V3Names(IEnumerable<JsonObject> codecs) => string.Join(" → ", codecs.Select(codec =>
        codec["configuration"]?["codecs"] is JsonArray inner
            ? $"{codec["name"]} [{V3Names(inner.OfType<JsonObject>())}]"
            : codec["name"]?.ToString() ?? "?"));

    private static string V3Codecs(IEnumerable<JsonObject> codecs) => string.Join(" → ", codecs.Select(V3Codec));

    private static string V3Codec(JsonObject codec)
    {
        string name = codec["name"]?.ToString() ?? "?";
        if (codec["configuration"] is not JsonObject configuration || configuration.Count == 0)
        {
            return name;
        }

        var settings = configuration.Select(p => p.Value switch
        {
            JsonArray { Count: > 0 } list when list[0] is JsonObject => $"{p.Key}=[{V3Codecs(list.OfType<JsonObject>())}]",
            JsonValue v when v.TryGetValue(out string? text) => $"{p.Key}={text}",
            var other => $"{p.Key}={other?.ToJsonString() ?? "null"}",
        });
        return $"{name} ({string.Join(", ", settings)})";
    }
}
