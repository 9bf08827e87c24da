namespace Tessera.Ngff;

/// <summary>One entry of a multiscale's <c>axes</c>: <c>{"name": ..., "type": ..., "unit": ...}</c>.</summary>
/// <param name="Name">The axis name, unique within the multiscale (e.g. <c>t</c>, <c>c</c>, <c>z</c>, <c>y</c>, <c>x</c>).</param>
/// <param name="Type">The axis kind.</param>
/// <param name="Unit">
/// The physical unit, or null when none is given. Space and time axes take the spelled-out UDUNITS-2 names the
/// spec lists (<see cref="NgffUnits"/>), e.g. <c>micrometer</c> or <c>millisecond</c>.
/// </param>
public sealed record NgffAxis(string Name, NgffAxisType Type, string? Unit = null)
{
    /// <summary>
    /// For <see cref="NgffAxisType.Custom"/> axes, the <c>type</c> string as written, or null when the axis has no
    /// <c>type</c> field; ignored for the other kinds.
    /// </summary>
    public string? CustomType { get; init; }

    /// <summary>The <c>type</c> string written in the metadata, or null when the field is left out.</summary>
    public string? TypeName => Type switch
    {
        NgffAxisType.Time => "time",
        NgffAxisType.Channel => "channel",
        NgffAxisType.Space => "space",
        _ => CustomType,
    };

    /// <summary>A space axis, e.g. <c>NgffAxis.Space("z", "micrometer")</c>.</summary>
    public static NgffAxis Space(string name, string? unit = null) => new(name, NgffAxisType.Space, unit);

    /// <summary>A time axis, e.g. <c>NgffAxis.Time("t", "second")</c>.</summary>
    public static NgffAxis Time(string name = "t", string? unit = null) => new(name, NgffAxisType.Time, unit);

    /// <summary>A channel axis.</summary>
    public static NgffAxis Channel(string name = "c") => new(name, NgffAxisType.Channel);
}
