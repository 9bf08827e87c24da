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
}
