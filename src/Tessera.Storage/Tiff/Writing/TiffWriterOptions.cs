namespace Tessera.Tiff.Writing;

/// <summary>How <see cref="TiffStackWriter"/> lays out and describes a multi-page TIFF.</summary>
public sealed record TiffWriterOptions
{
    /// <summary>The default options: uncompressed, automatic strips and BigTIFF, no description.</summary>
    public static TiffWriterOptions Default { get; } = new();

    /// <summary>The compression of every strip; <see cref="TiffCompression.None"/> by default.</summary>
    public TiffCompression Compression { get; init; } = TiffCompression.None;

    /// <summary>The predictor used with <see cref="TiffCompression.Deflate"/>; <see cref="TiffPredictor.Auto"/> by default.</summary>
    public TiffPredictor Predictor { get; init; } = TiffPredictor.Auto;

    /// <summary>Rows per strip, at least 1; null picks strips of about 256 KiB (whole pages when smaller).</summary>
    public int? RowsPerStrip { get; init; }

    /// <summary>Classic TIFF or BigTIFF; <see cref="TiffBigTiffMode.Auto"/> by default.</summary>
    public TiffBigTiffMode BigTiff { get; init; } = TiffBigTiffMode.Auto;

    /// <summary>
    /// The image description written to page 0 (<see cref="OmeTiffMetadata"/> or <see cref="ImageJMetadata"/>);
    /// null writes none.
    /// </summary>
    public TiffStackMetadata? Metadata { get; init; }

    /// <summary>The estimated size above which <see cref="TiffBigTiffMode.Auto"/> picks BigTIFF; lowered by tests only.</summary>
    internal long BigTiffThresholdBytes { get; init; } = TiffStackWriter.ClassicTiffLimitBytes;
}
