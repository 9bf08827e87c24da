namespace Tessera.Zarr;

/// <summary>A direct member of a group.</summary>
/// <param name="Name">The member's name (its key segment).</param>
/// <param name="Kind">Array or group.</param>
public readonly record struct ZarrMember(string Name, ZarrMemberKind Kind);
