namespace Tessera.Zarr;

/// <summary>Whether a group member is an array or a group.</summary>
public enum ZarrMemberKind
{
    /// <summary>An array.</summary>
    Array,

    /// <summary>A group.</summary>
    Group,
}
