using System.Text.Json.Nodes;

namespace Tessera.Cli.Inspection;

/// <summary>What <c>tessera info</c> reports about a Zarr node.</summary>
/// <param name="Location">The node's folder.</param>
/// <param name="Attributes">The node's <c>.zattrs</c> (empty when absent).</param>
internal abstract record NodeInfo(string Location, JsonObject Attributes);
