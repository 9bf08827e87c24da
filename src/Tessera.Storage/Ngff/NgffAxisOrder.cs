namespace Tessera.Ngff;

/// <summary>
/// An axis list given as text, as on the command line (e.g. <c>"c,t,z,y,x"</c>), and the NGFF axes it maps to: the
/// time axis first, then the channel axis, then the space axes in the order given.
/// </summary>
public sealed record NgffAxisOrder
{
    private const string Allowed = "t (time), c (channel), and z, y, x (space)";

    /// <summary>The axis names as given, e.g. <c>c, t, z, y, x</c>.</summary>
    public required IReadOnlyList<string> InputNames { get; init; }

    /// <summary>The NGFF axes in NGFF order, e.g. <c>t, c, z, y, x</c>.</summary>
    public required IReadOnlyList<NgffAxis> Axes { get; init; }

    /// <summary>
    /// For each NGFF axis, the index of the input dimension it comes from: <c>Axes[i]</c> is input dimension
    /// <c>Permutation[i]</c> (the argument numpy's <c>transpose</c> takes). <c>c,t,z,y,x</c> gives <c>[1, 0, 2, 3, 4]</c>.
    /// </summary>
    public required int[] Permutation { get; init; }

    /// <summary>Whether the input is already in NGFF order.</summary>
    public bool IsIdentity => Permutation.Select((p, i) => p == i).All(same => same);

    /// <summary>
    /// Parses a comma-separated axis list. Names are t (time), c (channel) and z, y, x (space), each at most once,
    /// with 2 or 3 space axes; spaces around names are ignored.
    /// </summary>
    /// <param name="text">The list, e.g. <c>"c,t,z,y,x"</c>.</param>
    /// <param name="spaceUnit">The unit given to the space axes (e.g. <c>micrometer</c>), or null for none.</param>
    /// <param name="timeUnit">The unit given to the time axis (e.g. <c>second</c>), or null for none.</param>
    /// <exception cref="ArgumentException">
    /// An unknown, repeated or empty name, a count of space axes other than 2 or 3, or a unit that the spec does not
    /// list; the message says which names or units are allowed.
    /// </exception>
    public static NgffAxisOrder Parse(string text, string? spaceUnit = null, string? timeUnit = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (spaceUnit is not null && NgffUnits.Problem(NgffAxisType.Space, spaceUnit) is { } spaceProblem)
        {
            throw new ArgumentException(Capitalize(spaceProblem) + ".", nameof(spaceUnit));
        }

        if (timeUnit is not null && NgffUnits.Problem(NgffAxisType.Time, timeUnit) is { } timeProblem)
        {
            throw new ArgumentException(Capitalize(timeProblem) + ".", nameof(timeUnit));
        }

        string[] names = text.Split(',', StringSplitOptions.TrimEntries);
        var axes = new NgffAxis[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (name.Length == 0)
            {
                throw new ArgumentException($"The axis list \"{text}\" has an empty name at position {i}; list names such as \"c,z,y,x\" from {Allowed}.", nameof(text));
            }

            axes[i] = name switch
            {
                "t" => NgffAxis.Time(name, timeUnit),
                "c" => NgffAxis.Channel(name),
                "z" or "y" or "x" => NgffAxis.Space(name, spaceUnit),
                _ => throw new ArgumentException($"Axis '{name}' in \"{text}\" is not a known axis name; use {Allowed}.", nameof(text)),
            };
            int earlier = Array.IndexOf(names, name, 0, i);
            if (earlier >= 0)
            {
                throw new ArgumentException($"Axis '{name}' appears twice in \"{text}\" (positions {earlier} and {i}); name each axis once.", nameof(text));
            }
        }

        int spaces = axes.Count(a => a.Type == NgffAxisType.Space);
        if (spaces is < 2 or > 3)
        {
            throw new ArgumentException($"The axis list \"{text}\" has {spaces} space axes; OME-NGFF needs 2 or 3 of z, y, x (e.g. \"y,x\" or \"c,z,y,x\").", nameof(text));
        }

        // A stable sort by role keeps the space axes in the order given.
        int[] permutation = Enumerable.Range(0, axes.Length)
            .OrderBy(i => axes[i].Type switch { NgffAxisType.Time => 0, NgffAxisType.Channel => 1, _ => 2 })
            .ToArray();
        return new NgffAxisOrder
        {
            InputNames = names,
            Axes = permutation.Select(i => axes[i]).ToArray(),
            Permutation = permutation,
        };
    }

    private static string Capitalize(string message) => char.ToUpperInvariant(message[0]) + message[1..];
}
