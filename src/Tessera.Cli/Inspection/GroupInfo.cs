using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Cli.Inspection;

/// <summary>What <c>tessera info</c> reports about a group.</summary>
/// <param name="Location">The group's folder.</param>
/// <param name="Attributes">The group's <c>.zattrs</c>.</param>
/// <param name="Members">The direct members, sorted by name.</param>
/// <param name="Format">The group's Zarr format.</param>
/// <param name="Ome">The OME-NGFF image the group holds, or null when it is not an image.</param>
/// <param name="OmeError">Why the group's OME-NGFF metadata could not be read; null when it could or there is none.</param>
internal sealed record GroupInfo(string Location, JsonObject Attributes, IReadOnlyList<MemberInfo> Members, ZarrFormat Format, OmeInfo? Ome = null, string? OmeError = null)
    : NodeInfo(Location, Attributes);
