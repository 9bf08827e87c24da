using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Cli.Inspection;

/// <summary>What <c>tessera info</c> reports about an array.</summary>
/// <param name="Location">The array's folder.</param>
/// <param name="Attributes">The array's <c>.zattrs</c>.</param>
/// <param name="Array">The opened array (v2 or v3).</param>
/// <param name="GridShape">The number of chunks along each axis.</param>
/// <param name="ChunkCount">The number of chunks in the grid.</param>
/// <param name="Stored">The chunks that exist in the store.</param>
/// <param name="DecodedBytes">The size of the whole array decoded.</param>
internal sealed record ArrayInfo(
    string Location,
    JsonObject Attributes,
    ZarrArray Array,
    long[] GridShape,
    long ChunkCount,
    StoredChunks Stored,
    long DecodedBytes)
    : NodeInfo(Location, Attributes);
