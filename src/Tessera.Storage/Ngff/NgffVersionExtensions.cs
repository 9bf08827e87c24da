namespace Tessera.Ngff;

/// <summary>Converts <see cref="NgffVersion"/> to and from the version strings written in the metadata.</summary>
public static class NgffVersionExtensions
{
    /// <summary>The supported versions as they appear in messages.</summary>
    internal const string Supported = "0.4 and 0.5";

    /// <summary>The version string written in the metadata: <c>"0.4"</c> or <c>"0.5"</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a defined value.</exception>
    public static string ToText(this NgffVersion version) => version switch
    {
        NgffVersion.V0_4 => "0.4",
        NgffVersion.V0_5 => "0.5",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, $"Unknown NGFF version; Tessera supports {Supported}."),
    };

    /// <summary>Reads a version string (<c>"0.4"</c> or <c>"0.5"</c>); false for any other text.</summary>
    public static bool TryParse(string? text, out NgffVersion version)
    {
        switch (text)
        {
            case "0.4":
                version = NgffVersion.V0_4;
                return true;
            case "0.5":
                version = NgffVersion.V0_5;
                return true;
            default:
                version = default;
                return false;
        }
    }

    /// <summary>Reads a version string (<c>"0.4"</c> or <c>"0.5"</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> names another version.</exception>
    public static NgffVersion Parse(string text) => TryParse(text, out var version)
        ? version
        : throw new ArgumentException($"OME-NGFF version '{text}' is not supported; use {Supported}.", nameof(text));
}
