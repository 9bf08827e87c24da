using System.Globalization;
using System.Text;
using BitMiracle.LibTiff.Classic;
using Tessera.DataTypes;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace Tessera.Tiff.Writing;

/// <summary>
/// Writes an ImageJ hyperstack: the <c>ImageJ=</c> description that ImageJ and tifffile read, with the pixel size
/// in XResolution/YResolution (pixels per unit). ImageJ orders planes channel fastest, then slice, then frame, so
/// <see cref="TiffStackMetadata.Axes"/> must keep the order of <c>"tzcyx"</c> (e.g. <c>"zcyx"</c>, <c>"tcyx"</c>, <c>"zyx"</c>).
/// </summary>
public sealed record ImageJMetadata : TiffStackMetadata
{
    /// <summary>The pixel size along x in <see cref="Unit"/>s; null leaves the resolution out.</summary>
    public double? PixelSizeX { get; init; }

    /// <summary>The pixel size along y in <see cref="Unit"/>s; null uses <see cref="PixelSizeX"/>.</summary>
    public double? PixelSizeY { get; init; }

    /// <summary>The slice spacing along z in <see cref="Unit"/>s; null leaves it out.</summary>
    public double? Spacing { get; init; }

    /// <summary>The length unit as an OME-NGFF name (<c>micrometer</c> is written <c>micron</c>, as ImageJ does).</summary>
    public string Unit { get; init; } = "micrometer";

    /// <inheritdoc/>
    internal override void Validate(int height, int width, DataType type, long pageCount)
    {
        base.Validate(height, width, type, pageCount);
        if (type.Kind is not (DataTypeKind.UInt8 or DataTypeKind.UInt16 or DataTypeKind.Float32))
        {
            throw new ArgumentException($"ImageJ hyperstacks hold uint8, uint16 or float32, not {type.Name}; write an OME-TIFF (OmeTiffMetadata) instead.", "options");
        }

        int last = -1;
        foreach (char axis in Axes)
        {
            int at = "tzcyx".IndexOf(axis, StringComparison.Ordinal);
            if (at < last)
            {
                throw new ArgumentException($"ImageJ stores planes in t, z, c order (channel fastest), so ImageJMetadata.Axes '{Axes}' must keep the order of \"tzcyx\"; transpose the data first.", "options");
            }

            last = at;
        }

        _ = UnitName(Unit);
        foreach (double? size in (ReadOnlySpan<double?>)[PixelSizeX, PixelSizeY, Spacing])
        {
            if (size is { } s && !(s > 0 && double.IsFinite(s)))
            {
                throw new ArgumentException($"ImageJMetadata sizes must be positive and finite; found {s.ToString(CultureInfo.InvariantCulture)}.", "options");
            }
        }
    }

    /// <inheritdoc/>
    internal override string BuildDescription(string fileName, DataType type)
    {
        long channels = SizeOf('c'), slices = SizeOf('z'), frames = SizeOf('t');
        var text = new StringBuilder("ImageJ=1.11a\n");
        text.Append(CultureInfo.InvariantCulture, $"images={channels * slices * frames}\n");
        if (channels > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"channels={channels}\n");
        }

        if (slices > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"slices={slices}\n");
        }

        if (frames > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"frames={frames}\n");
        }

        if ((channels > 1 ? 1 : 0) + (slices > 1 ? 1 : 0) + (frames > 1 ? 1 : 0) > 1)
        {
            text.Append("hyperstack=true\n");
        }

        if (channels > 1)
        {
            text.Append("mode=grayscale\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"unit={UnitName(Unit)}\n");
        if (Spacing is { } spacing)
        {
            text.Append(CultureInfo.InvariantCulture, $"spacing={spacing:R}\n");
        }

        text.Append("loop=false\n");
        return text.ToString();
    }

    /// <inheritdoc/>
    internal override void SetTags(LibTiff tiff)
    {
        if (PixelSizeX is { } x)
        {
            tiff.SetField(TiffTag.XRESOLUTION, 1.0 / x);
            tiff.SetField(TiffTag.YRESOLUTION, 1.0 / (PixelSizeY ?? x));
            tiff.SetField(TiffTag.RESOLUTIONUNIT, ResUnit.NONE);
        }
    }

    private static string UnitName(string unit) => unit switch
    {
        "micrometer" => "micron",
        "nanometer" => "nm",
        "millimeter" => "mm",
        "centimeter" => "cm",
        "meter" => "m",
        "inch" => "inch",
        _ => throw new ArgumentException($"ImageJMetadata.Unit '{unit}' is not one of micrometer, nanometer, millimeter, centimeter, meter or inch.", "options"),
    };
}
