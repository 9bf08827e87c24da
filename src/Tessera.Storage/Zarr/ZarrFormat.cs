namespace Tessera.Zarr;

/// <summary>The Zarr format version of a node.</summary>
public enum ZarrFormat
{
    /// <summary>Zarr v2: <c>.zarray</c>, <c>.zgroup</c> and <c>.zattrs</c> documents.</summary>
    V2 = 2,

    /// <summary>Zarr v3: one <c>zarr.json</c> document per node, holding its attributes.</summary>
    V3 = 3,
}
