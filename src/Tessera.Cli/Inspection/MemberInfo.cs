using Tessera.Zarr;

namespace Tessera.Cli.Inspection;

/// <summary>A direct member of a group, as <c>tessera info</c> lists it.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Kind">Array or group.</param>
/// <param name="Array">For an array, the opened array; null for a group or an unreadable array.</param>
/// <param name="Error">Why an array's metadata could not be read; null when it could.</param>
internal sealed record MemberInfo(string Name, ZarrMemberKind Kind, ZarrArray? Array, string? Error);
