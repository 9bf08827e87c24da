namespace Tessera.Tiff.Writing;

/// <summary>The TIFF predictor applied before <see cref="TiffCompression.Deflate"/>; ignored without compression.</summary>
public enum TiffPredictor
{
    /// <summary>
    /// Horizontal differencing (2) for integer types and none for float32. The floating-point predictor is
    /// not the default because tifffile without <c>imagecodecs</c> (Debian's package, for one) cannot read it.
    /// </summary>
    Auto,

    /// <summary>No predictor (1).</summary>
    None,

    /// <summary>Horizontal differencing (2); integer types only.</summary>
    Horizontal,

    /// <summary>Floating-point byte-plane differencing (3); float32 only. Readers need support for it (tifffile needs <c>imagecodecs</c>).</summary>
    FloatingPoint,
}
