namespace Tessera.Ngff;

/// <summary>The OME-NGFF (OME-Zarr) metadata versions that Tessera reads and writes.</summary>
public enum NgffVersion
{
    /// <summary>
    /// OME-NGFF 0.4: Zarr v2 groups; <c>multiscales</c> and <c>omero</c> sit at the top of <c>.zattrs</c> and each
    /// multiscale carries <c>"version": "0.4"</c>.
    /// </summary>
    V0_4,

    /// <summary>
    /// OME-Zarr 0.5: Zarr v3 groups; the metadata sits under <c>attributes.ome</c> of <c>zarr.json</c> with one
    /// <c>"version": "0.5"</c>, and the multiscales carry no version of their own.
    /// </summary>
    V0_5,
}
