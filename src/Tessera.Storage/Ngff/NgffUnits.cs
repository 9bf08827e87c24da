using System.Collections.Frozen;

namespace Tessera.Ngff;

/// <summary>
/// The units the OME-NGFF spec allows on space and time axes: spelled-out UDUNITS-2 names (0.4 and 0.5, "axes
/// metadata"). Abbreviations such as <c>um</c> or <c>ms</c> are not among them.
/// </summary>
public static class NgffUnits
{
    private static readonly string[] SpaceList =
    [
        "angstrom", "attometer", "centimeter", "decimeter", "exameter", "femtometer", "foot", "gigameter",
        "hectometer", "inch", "kilometer", "megameter", "meter", "micrometer", "mile", "millimeter", "nanometer",
        "parsec", "petameter", "picometer", "terameter", "yard", "yoctometer", "yottameter", "zeptometer", "zettameter",
    ];

    private static readonly string[] TimeList =
    [
        "attosecond", "centisecond", "day", "decisecond", "exasecond", "femtosecond", "gigasecond", "hectosecond",
        "hour", "kilosecond", "megasecond", "microsecond", "millisecond", "minute", "nanosecond", "petasecond",
        "picosecond", "second", "terasecond", "yoctosecond", "yottasecond", "zeptosecond", "zettasecond",
    ];

    private static readonly FrozenSet<string> SpaceSet = SpaceList.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> TimeSet = TimeList.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The units allowed on space axes, in alphabetical order.</summary>
    public static IReadOnlyList<string> SpaceUnits { get; } = Array.AsReadOnly(SpaceList);

    /// <summary>The units allowed on time axes, in alphabetical order.</summary>
    public static IReadOnlyList<string> TimeUnits { get; } = Array.AsReadOnly(TimeList);

    /// <summary>Whether <paramref name="unit"/> is an allowed space unit (case-sensitive, as the spec spells them).</summary>
    public static bool IsSpaceUnit(string unit) => SpaceSet.Contains(unit);

    /// <summary>Whether <paramref name="unit"/> is an allowed time unit (case-sensitive, as the spec spells them).</summary>
    public static bool IsTimeUnit(string unit) => TimeSet.Contains(unit);

    /// <summary>
    /// Why <paramref name="unit"/> is not allowed on an axis of <paramref name="type"/>, with valid examples and the
    /// spelled-out name when it is a common abbreviation; null when it is allowed or the type takes any unit.
    /// </summary>
    internal static string? Problem(NgffAxisType type, string unit)
    {
        bool ok = type switch
        {
            NgffAxisType.Space => IsSpaceUnit(unit),
            NgffAxisType.Time => IsTimeUnit(unit),
            _ => true,
        };
        if (ok)
        {
            return null;
        }

        string kind = type == NgffAxisType.Space ? "space" : "time";
        string examples = type == NgffAxisType.Space
            ? "micrometer, nanometer, millimeter, angstrom or meter"
            : "second, millisecond, microsecond, minute or hour";
        string? spelled = SpelledOut(unit);
        if (spelled is not null && !(type == NgffAxisType.Space ? IsSpaceUnit(spelled) : IsTimeUnit(spelled)))
        {
            spelled = null;
        }

        string hint = spelled is null ? string.Empty : $" ('{unit}' is written '{spelled}')";
        return $"'{unit}' is not an OME-NGFF {kind} unit{hint}; use a spelled-out UDUNITS-2 name such as {examples}";
    }

    private static string? SpelledOut(string unit) => unit switch
    {
        "um" or "µm" or "μm" or "micron" or "microns" => "micrometer",
        "nm" => "nanometer",
        "mm" => "millimeter",
        "cm" => "centimeter",
        "m" => "meter",
        "A" or "Å" => "angstrom",
        "s" or "sec" => "second",
        "ms" => "millisecond",
        "us" or "µs" or "μs" => "microsecond",
        "ns" => "nanosecond",
        "min" => "minute",
        "h" or "hr" => "hour",
        _ when unit.EndsWith('s') && (IsSpaceUnit(unit[..^1]) || IsTimeUnit(unit[..^1])) => unit[..^1],
        _ when unit.ToLowerInvariant() != unit && (IsSpaceUnit(unit.ToLowerInvariant()) || IsTimeUnit(unit.ToLowerInvariant())) => unit.ToLowerInvariant(),
        _ => null,
    };
}
