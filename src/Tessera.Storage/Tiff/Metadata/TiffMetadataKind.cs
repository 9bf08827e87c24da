namespace Tessera.Tiff.Metadata;

/// <summary>Where a TIFF file's dimensions and voxel size came from.</summary>
public enum TiffMetadataKind
{
    /// <summary>No ImageJ or OME metadata: the pages are a z stack.</summary>
    Plain,

    /// <summary>An ImageJ hyperstack ImageDescription (<c>ImageJ=…</c>).</summary>
    ImageJ,

    /// <summary>OME-XML in the ImageDescription (OME-TIFF, possibly one file of a multi-file set).</summary>
    Ome,
}
