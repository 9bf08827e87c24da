using BitMiracle.LibTiff.Classic;
using Tessera.DataTypes;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace Tessera.Tiff.Writing;

/// <summary>Strips, tags and the BigTIFF decision.</summary>
public sealed partial class TiffStackWriter
{
    /// <summary>The largest classic TIFF: its offsets are unsigned 32-bit.</summary>
    internal const long ClassicTiffLimitBytes = uint.MaxValue;

    /// <summary>Strips of about this many bytes when <see cref="TiffWriterOptions.RowsPerStrip"/> is not given.</summary>
    private const int DefaultStripBytes = 256 * 1024;

    /// <summary>
    /// Whether <see cref="TiffBigTiffMode.Auto"/> writes BigTIFF for this stack: when the file may exceed 4 GiB,
    /// counting every page uncompressed (deflate's worst-case growth included) plus directories, strip tables and the description.
    /// </summary>
    /// <param name="height">Rows per page.</param>
    /// <param name="width">Columns per page.</param>
    /// <param name="dataType">The element type.</param>
    /// <param name="pageCount">The number of pages.</param>
    /// <param name="options">The options (compression, strips); null uses <see cref="TiffWriterOptions.Default"/>.</param>
    /// <returns>True when the stack needs BigTIFF.</returns>
    /// <exception cref="ArgumentException">A size, the data type or an option is not allowed.</exception>
    public static bool NeedsBigTiff(int height, int width, DataType dataType, long pageCount, TiffWriterOptions? options = null)
    {
        options ??= TiffWriterOptions.Default;
        ValidateLayout(height, width, dataType, pageCount, options);
        int descriptionBytes = options.Metadata is null ? 0 : 64 * 1024;
        return EstimateFileBytes(height, width, dataType, pageCount, options, descriptionBytes) > options.BigTiffThresholdBytes;
    }

    /// <summary>An upper estimate of the file size in bytes.</summary>
    internal static long EstimateFileBytes(int height, int width, DataType dataType, long pageCount, TiffWriterOptions options, int descriptionBytes)
    {
        int bytesPerRow = width * dataType.ItemSize;
        int rowsPerStrip = RowsPerStrip(height, bytesPerRow, options);
        long strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        long pageBytes = (long)height * bytesPerRow;

        // zlib's worst case on incompressible data is ~0.03% plus a few bytes per block; allow 0.1% and 64 bytes a strip.
        long dataBytes = options.Compression == TiffCompression.Deflate ? pageBytes + (pageBytes / 1000) + (64 * strips) : pageBytes;

        // A BigTIFF directory of ~16 tags is under 400 bytes; offsets and byte counts take 16 bytes a strip.
        long overheadBytes = 1024 + (16 * strips);
        const long Margin = 1 << 20;
        return checked((pageCount * (dataBytes + overheadBytes)) + descriptionBytes + Margin);
    }

    private static void Validate(int height, int width, DataType dataType, long pageCount, TiffWriterOptions options)
    {
        ValidateLayout(height, width, dataType, pageCount, options);
        options.Metadata?.Validate(height, width, dataType, pageCount);
    }

    private static void ValidateLayout(int height, int width, DataType dataType, long pageCount, TiffWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageCount, 1);
        if (dataType.Kind is not (DataTypeKind.UInt8 or DataTypeKind.UInt16 or DataTypeKind.Int16 or DataTypeKind.Int32 or DataTypeKind.UInt32 or DataTypeKind.Float32))
        {
            throw new ArgumentException($"TIFF stacks are written as uint8, uint16, int16, int32, uint32 or float32, not {dataType.Name}. Convert the data first.", nameof(dataType));
        }

        if ((long)height * width * dataType.ItemSize > Array.MaxLength)
        {
            throw new ArgumentException($"A page of {height}×{width} {dataType.Name} is over 2 GiB; split it into smaller pages.", nameof(height));
        }

        if (options.RowsPerStrip is < 1)
        {
            throw new ArgumentException($"RowsPerStrip must be at least 1; got {options.RowsPerStrip}.", nameof(options));
        }

        _ = ResolvePredictor(dataType, options);
    }

    private static int RowsPerStrip(int height, int bytesPerRow, TiffWriterOptions options) =>
        Math.Min(height, options.RowsPerStrip ?? Math.Max(1, DefaultStripBytes / bytesPerRow));

    private static Predictor ResolvePredictor(DataType dataType, TiffWriterOptions options)
    {
        if (options.Compression == TiffCompression.None)
        {
            return Predictor.NONE;
        }

        bool isFloat = dataType.Kind == DataTypeKind.Float32;
        return options.Predictor switch
        {
            TiffPredictor.Auto => isFloat ? Predictor.NONE : Predictor.HORIZONTAL,
            TiffPredictor.None => Predictor.NONE,
            TiffPredictor.Horizontal when !isFloat => Predictor.HORIZONTAL,
            TiffPredictor.FloatingPoint when isFloat => Predictor.FLOATINGPOINT,
            _ => throw new ArgumentException(
                $"The {options.Predictor} predictor does not apply to {dataType.Name}: horizontal is for integer types, floating-point for float32.", nameof(options)),
        };
    }

    private static SampleFormat SampleFormatOf(DataType dataType) => dataType.Kind switch
    {
        DataTypeKind.Float32 => SampleFormat.IEEEFP,
        DataTypeKind.Int16 or DataTypeKind.Int32 => SampleFormat.INT,
        _ => SampleFormat.UINT,
    };

    private void WritePageCore(ReadOnlySpan<byte> page)
    {
        LibTiff tiff = _tiff!;
        byte[] scratch = _scratch!;
        long index = PagesWritten;
        SetPageTags(tiff, index);

        int strips = (Height + _rowsPerStrip - 1) / _rowsPerStrip;
        for (int s = 0; s < strips; s++)
        {
            int firstRow = s * _rowsPerStrip;
            int bytes = Math.Min(_rowsPerStrip, Height - firstRow) * _bytesPerRow;

            // LibTiff.NET's predictors difference the buffer in place, and its floating-point predictor
            // fails on a non-zero offset, so each strip is copied to the start of a scratch buffer.
            page.Slice(firstRow * _bytesPerRow, bytes).CopyTo(scratch);
            if (tiff.WriteEncodedStrip(s, scratch, 0, bytes) < 0)
            {
                throw new TiffWriteException($"LibTiff.NET could not write strip {s} of page {index} to '{_temporary}'.");
            }
        }

        if (!tiff.WriteDirectory())
        {
            throw new TiffWriteException(
                $"LibTiff.NET could not write the directory of page {index} to '{_temporary}'"
                + (IsBigTiff ? "." : "; if the file passed 4 GiB, use TiffBigTiffMode.Auto or Always."));
        }
    }

    private void SetPageTags(LibTiff tiff, long index)
    {
        Set(tiff, TiffTag.SUBFILETYPE, FileType.PAGE);
        Set(tiff, TiffTag.IMAGEWIDTH, Width);
        Set(tiff, TiffTag.IMAGELENGTH, Height);
        Set(tiff, TiffTag.BITSPERSAMPLE, DataType.ItemSize * 8);
        Set(tiff, TiffTag.SAMPLESPERPIXEL, 1);
        Set(tiff, TiffTag.SAMPLEFORMAT, SampleFormatOf(DataType));
        Set(tiff, TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
        Set(tiff, TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        Set(tiff, TiffTag.ROWSPERSTRIP, _rowsPerStrip);
        if (Options.Compression == TiffCompression.Deflate)
        {
            Set(tiff, TiffTag.COMPRESSION, Compression.ADOBE_DEFLATE);
            Predictor predictor = ResolvePredictor(DataType, Options);
            if (predictor != Predictor.NONE)
            {
                Set(tiff, TiffTag.PREDICTOR, predictor);
            }
        }
        else
        {
            Set(tiff, TiffTag.COMPRESSION, Compression.NONE);
        }

        if (index == 0)
        {
            if (_description is not null)
            {
                Set(tiff, TiffTag.IMAGEDESCRIPTION, _description);
            }

            Set(tiff, TiffTag.SOFTWARE, "Tessera");
        }

        Options.Metadata?.SetTags(tiff);
    }

    private void Set(LibTiff tiff, TiffTag tag, object value)
    {
        if (!tiff.SetField(tag, value))
        {
            throw new TiffWriteException($"LibTiff.NET refused tag {tag} = {value} for '{_temporary}'.");
        }
    }
}
