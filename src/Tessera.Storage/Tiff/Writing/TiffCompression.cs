namespace Tessera.Tiff.Writing;

/// <summary>How <see cref="TiffStackWriter"/> compresses each strip.</summary>
public enum TiffCompression
{
    /// <summary>Uncompressed strips (TIFF compression 1); readable by every TIFF reader.</summary>
    None,

    /// <summary>zlib/deflate (TIFF compression 8, "Adobe deflate"), usually with a predictor (see <see cref="TiffPredictor"/>).</summary>
    Deflate,
}
