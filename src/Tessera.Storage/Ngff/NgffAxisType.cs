namespace Tessera.Ngff;

/// <summary>The kind of an NGFF axis, from its <c>type</c> field.</summary>
public enum NgffAxisType
{
    /// <summary><c>"time"</c>: at most one, and first when present.</summary>
    Time,

    /// <summary><c>"channel"</c>: at most one, after time and before the space axes.</summary>
    Channel,

    /// <summary><c>"space"</c>: two or three, last.</summary>
    Space,

    /// <summary>Any other type, or none; takes the channel's place in the order (see <see cref="NgffAxis.CustomType"/>).</summary>
    Custom,
}
