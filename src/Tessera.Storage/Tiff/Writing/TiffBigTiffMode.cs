namespace Tessera.Tiff.Writing;

/// <summary>Whether <see cref="TiffStackWriter"/> writes classic TIFF (32-bit offsets) or BigTIFF (64-bit offsets).</summary>
public enum TiffBigTiffMode
{
    /// <summary>BigTIFF when the file may exceed 4 GiB (see <see cref="TiffStackWriter.NeedsBigTiff"/>), else classic TIFF.</summary>
    Auto,

    /// <summary>Always classic TIFF; writing fails with <see cref="TiffWriteException"/> if the file grows past 4 GiB.</summary>
    Never,

    /// <summary>Always BigTIFF.</summary>
    Always,
}
