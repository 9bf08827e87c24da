using Tessera.Ngff;

namespace Tessera.Tiff.Metadata;

/// <summary>Maps the length units that ImageJ and OME-XML write to OME-NGFF (UDUNITS-2) names.</summary>
internal static class TiffUnits
{
    /// <summary>The NGFF name of <paramref name="unit"/> (<c>µm</c>, <c>um</c>, <c>micron</c> → <c>micrometer</c>), or null.</summary>
    public static string? Normalize(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return null;
        }

        string u = unit.Trim().Replace("\\u00B5", "µ", StringComparison.OrdinalIgnoreCase);
        if (u is "pixel" or "pixels" or "px")
        {
            return null;
        }

        string? name = u switch
        {
            "µm" or "μm" or "um" or "micron" or "microns" => "micrometer",
            "nm" => "nanometer",
            "mm" => "millimeter",
            "cm" => "centimeter",
            "dm" => "decimeter",
            "m" => "meter",
            "pm" => "picometer",
            "Å" or "A" => "angstrom",
            "in" or "inch" => "inch",
            _ => null,
        };
        if (name is not null)
        {
            return name;
        }

        string lower = u.ToLowerInvariant();
        if (NgffUnits.IsSpaceUnit(lower))
        {
            return lower;
        }

        return lower.EndsWith('s') && NgffUnits.IsSpaceUnit(lower[..^1]) ? lower[..^1] : null;
    }

    /// <summary>Metres per <paramref name="ngffUnit"/>, or null for units this table does not know.</summary>
    public static double? Meters(string ngffUnit) => ngffUnit switch
    {
        "meter" => 1,
        "decimeter" => 1e-1,
        "centimeter" => 1e-2,
        "millimeter" => 1e-3,
        "micrometer" => 1e-6,
        "nanometer" => 1e-9,
        "angstrom" => 1e-10,
        "picometer" => 1e-12,
        "inch" => 0.0254,
        _ => null,
    };
}
