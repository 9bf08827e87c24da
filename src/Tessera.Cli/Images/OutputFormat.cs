namespace Tessera.Cli.Images;

/// <summary>The <c>--format</c> of a command's output.</summary>
internal enum OutputFormat
{
    /// <summary>A Zarr v2 array (<c>zarr2</c>).</summary>
    Zarr2,

    /// <summary>A Zarr v3 array (<c>zarr3</c>), optionally sharded.</summary>
    Zarr3,

    /// <summary>An OME-Zarr image group (<c>ome-zarr</c>): a multiscale pyramid of Zarr v2 (NGFF 0.4) or v3 (NGFF 0.5) arrays.</summary>
    OmeZarr,

    /// <summary>A multi-page TIFF without metadata (<c>tiff</c>): pages in (c, t, z) order.</summary>
    Tiff,

    /// <summary>An OME-TIFF (<c>ome-tiff</c>): a multi-page TIFF whose OME-XML gives the axes, physical sizes and channel names.</summary>
    OmeTiff,
}
