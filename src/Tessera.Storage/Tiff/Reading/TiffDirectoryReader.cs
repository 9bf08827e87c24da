using System.Diagnostics.CodeAnalysis;
using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;
using Tessera.DataTypes;

namespace Tessera.Tiff.Reading;

/// <summary>Reads and validates the layout tags of the current directory of a <see cref="Tiff"/>.</summary>
internal static class TiffDirectoryReader
{
    /// <summary>The page's layout; throws <see cref="TiffFormatException"/> for what Tessera cannot decode.</summary>
    public static TiffPageInfo Read(LibTiff tiff, string path, int page)
    {
        int width = Required(tiff, TiffTag.IMAGEWIDTH, path, page);
        int height = Required(tiff, TiffTag.IMAGELENGTH, path, page);
        int samples = Defaulted(tiff, TiffTag.SAMPLESPERPIXEL);
        int bits = Defaulted(tiff, TiffTag.BITSPERSAMPLE);
        int format = tiff.GetField(TiffTag.SAMPLEFORMAT) is { } f ? f[0].ToInt() : 1;
        int compression = Defaulted(tiff, TiffTag.COMPRESSION);
        int predictor = tiff.GetField(TiffTag.PREDICTOR) is { } p ? p[0].ToInt() : 1;
        int planar = Defaulted(tiff, TiffTag.PLANARCONFIG);
        bool tiled = tiff.IsTiled();

        if (samples != 1)
        {
            Throw(path, page, $"has {samples} samples per pixel (e.g. RGB); Tessera reads single-sample (grayscale) " +
                "pages only. Store each channel as its own page (e.g. tifffile with planarconfig='separate' and an " +
                "axes order that puts C before Y and X)");
        }

        if (!TiffCompressions.IsSupported(compression))
        {
            Throw(path, page, $"uses compression {TiffCompressions.Name(compression)} (code {compression}), which " +
                $"Tessera does not decode; supported: {TiffCompressions.SupportedList}. Re-save it with one of " +
                "these, e.g. 'tiffcp -c zip in.tif out.tif'");
        }

        if (predictor is not (1 or 2 or 3))
        {
            Throw(path, page, $"uses predictor {predictor}; supported: 1 (none), 2 (horizontal), 3 (floating point)");
        }

        var dataType = ToDataType(bits, format) ?? ThrowType(path, page, bits, format);
        if (predictor == 2 && bits == 64 && compression != 1)
        {
            Throw(path, page, "uses horizontal differencing (predictor 2) on 64-bit samples, which Tessera's TIFF library " +
                "(LibTiff.NET) cannot undo. Re-save it without the predictor, e.g. 'tiffcp -c zip:1 in.tif out.tif'");
        }

        int blockWidth = width;
        int blockHeight;
        if (tiled)
        {
            blockWidth = Defaulted(tiff, TiffTag.TILEWIDTH);
            blockHeight = Defaulted(tiff, TiffTag.TILELENGTH);
        }
        else
        {
            blockHeight = (int)Math.Min(tiff.GetFieldDefaulted(TiffTag.ROWSPERSTRIP)[0].ToLong(), height);
        }

        return new TiffPageInfo(page, width, height, samples, bits, dataType, compression, predictor, tiled,
            blockWidth, blockHeight, planar, tiff.IsBigEndian());
    }

    private static DataType? ToDataType(int bits, int format)
    {
        DataTypeKind? kind = (format, bits) switch
        {
            (1, 8) => DataTypeKind.UInt8,
            (1, 16) => DataTypeKind.UInt16,
            (1, 32) => DataTypeKind.UInt32,
            (1, 64) => DataTypeKind.UInt64,
            (2, 8) => DataTypeKind.Int8,
            (2, 16) => DataTypeKind.Int16,
            (2, 32) => DataTypeKind.Int32,
            (2, 64) => DataTypeKind.Int64,
            (3, 32) => DataTypeKind.Float32,
            (3, 64) => DataTypeKind.Float64,
            _ => null,
        };
        if (kind is not { } k)
        {
            return null;
        }

        // Decoded pages are in this machine's byte order: LibTiff swaps 16-, 32- and 64-bit samples as it decodes.
        var order = bits == 8 ? ByteOrder.NotApplicable
            : BitConverter.IsLittleEndian ? ByteOrder.LittleEndian : ByteOrder.BigEndian;
        return new DataType(k, order);
    }

    private static int Required(LibTiff tiff, TiffTag tag, string path, int page) =>
        tiff.GetField(tag) is { Length: > 0 } v ? v[0].ToInt() : ThrowMissing(path, page, tag);

    private static int Defaulted(LibTiff tiff, TiffTag tag) => tiff.GetFieldDefaulted(tag)[0].ToInt();

    [DoesNotReturn]
    private static int ThrowMissing(string path, int page, TiffTag tag) =>
        throw new TiffFormatException($"Page {page} of '{path}' has no {tag} tag, which every TIFF image needs.");

    [DoesNotReturn]
    private static DataType ThrowType(string path, int page, int bits, int format)
    {
        string kind = format switch { 1 => "unsigned integer", 2 => "signed integer", 3 => "floating point", _ => $"sample format {format}" };
        Throw(path, page, $"has {bits}-bit {kind} samples; supported: 8-, 16-, 32- and 64-bit unsigned or signed " +
            "integers and 32- or 64-bit floating point");
        return default;
    }

    [DoesNotReturn]
    private static void Throw(string path, int page, string what) =>
        throw new TiffFormatException($"Page {page} of '{path}' {what}.");
}
