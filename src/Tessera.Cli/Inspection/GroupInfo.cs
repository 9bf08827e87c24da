using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Cli.Inspection;

/// <summary>What <c>tessera info</c> reports about a group.</summary>
/// <param name="Location">The group's folder.</param>
/// <param name="Attributes">The group's <c>.zattrs</c>.</param>
/// <param name="Members">The direct members, sorted by name.</param>
/// <param name="Format">The group's Zarr format.</param>
internal sealed record GroupInfo(string Location, JsonObject Attributes, IReadOnlyList<MemberInfo> Members, ZarrFormat Format)
    : NodeInfo(Location, Attributes);
