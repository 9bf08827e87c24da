using Tessera.DataTypes;

namespace Tessera.Tiff;

/// <summary>The layout of one page (image file directory) of a TIFF file, as read from its tags.</summary>
/// <param name="Index">The zero-based page index in the file's chain of directories.</param>
/// <param name="Width">Image width in pixels (the x extent).</param>
/// <param name="Height">Image height in pixels (the y extent).</param>
/// <param name="SamplesPerPixel">Samples per pixel; Tessera reads only 1.</param>
/// <param name="BitsPerSample">Bits per sample: 8, 16, 32 or 64.</param>
/// <param name="DataType">The element type, in this machine's byte order (as decoded pages are returned).</param>
/// <param name="Compression">The TIFF Compression tag value (1 none, 5 LZW, 8 or 32946 Deflate, 32773 PackBits).</param>
/// <param name="Predictor">The Predictor tag value: 1 none, 2 horizontal differencing, 3 floating point.</param>
/// <param name="IsTiled">True when the page is stored in tiles, false when in strips.</param>
/// <param name="BlockWidth">Tile width for tiled pages; the image width for stripped pages.</param>
/// <param name="BlockHeight">Tile height for tiled pages; rows per strip for stripped pages.</param>
/// <param name="PlanarConfig">The PlanarConfiguration tag value (1 contiguous, 2 separate).</param>
/// <param name="IsBigEndian">True when the file stores multi-byte values most significant byte first.</param>
public sealed record TiffPageInfo(
    int Index,
    int Width,
    int Height,
    int SamplesPerPixel,
    int BitsPerSample,
    DataType DataType,
    int Compression,
    int Predictor,
    bool IsTiled,
    int BlockWidth,
    int BlockHeight,
    int PlanarConfig,
    bool IsBigEndian)
{
    /// <summary>The name of <see cref="Compression"/>, e.g. <c>LZW</c>.</summary>
    public string CompressionName => TiffCompressions.Name(Compression);

    /// <summary>Bytes of one decoded page: height × width × item size.</summary>
    public long ByteCount => (long)Height * Width * DataType.ItemSize;
}
