using System.Collections.Frozen;

namespace Tessera.Tiff.Writing;

/// <summary>Maps OME-NGFF length units (UDUNITS-2 names) to the OME 2016-06 <c>UnitsLength</c> symbols.</summary>
internal static class OmeUnits
{
    private static readonly FrozenDictionary<string, string> Length = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["angstrom"] = "Å", ["attometer"] = "am", ["centimeter"] = "cm", ["decimeter"] = "dm", ["exameter"] = "Em",
        ["femtometer"] = "fm", ["foot"] = "ft", ["gigameter"] = "Gm", ["hectometer"] = "hm", ["inch"] = "in",
        ["kilometer"] = "km", ["megameter"] = "Mm", ["meter"] = "m", ["micrometer"] = "µm", ["mile"] = "mi",
        ["millimeter"] = "mm", ["nanometer"] = "nm", ["parsec"] = "pc", ["petameter"] = "Pm", ["picometer"] = "pm",
        ["terameter"] = "Tm", ["yard"] = "yd", ["yoctometer"] = "ym", ["yottameter"] = "Ym", ["zeptometer"] = "zm",
        ["zettameter"] = "Zm",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The OME symbol of the NGFF unit <paramref name="unit"/> (e.g. <c>micrometer</c> → <c>µm</c>).</summary>
    /// <exception cref="ArgumentException">The unit is not an NGFF length unit.</exception>
    public static string LengthSymbol(string unit) =>
        Length.TryGetValue(unit, out string? symbol)
            ? symbol
            : throw new ArgumentException(
                $"Unit '{unit}' is not an OME-NGFF length unit; use a spelled-out name such as micrometer, nanometer or millimeter.", "options");
}
