using System.Globalization;

namespace Tessera.Tiff.Metadata;

/// <summary>
/// Parses ImageJ's hyperstack ImageDescription (<c>ImageJ=1.x</c>, <c>images=</c>, <c>channels=</c>,
/// <c>slices=</c>, <c>frames=</c>, <c>spacing=</c>, <c>unit=</c>, one per line). ImageJ stores planes with c
/// fastest, then z, then t; pixel size is 1 / XResolution in <c>unit</c>.
/// </summary>
internal static class ImageJDescription
{
    public static TiffMetadata Parse(TiffFile file, string description)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in description.Split('\n'))
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        int images = Int(values, "images", file) ?? file.Pages;
        int channels = Int(values, "channels", file) ?? 1;
        int slices = Int(values, "slices", file) ?? 0;
        int frames = Int(values, "frames", file) ?? 1;
        if (slices == 0)
        {
            slices = Math.Max(1, images / Math.Max(1, channels * frames));
        }

        if ((long)channels * slices * frames != images)
        {
            throw new TiffFormatException(
                $"The ImageJ metadata of '{file.Path}' gives channels={channels} × slices={slices} × frames={frames}, " +
                $"which is not images={images}.");
        }

        if (images > file.Pages)
        {
            throw new TiffFormatException(
                $"The ImageJ metadata of '{file.Path}' says images={images}, but the file has {file.Pages} pages. " +
                "Tessera does not read ImageJ's single-directory raw stacks (files over 4 GB saved by ImageJ); " +
                "save them as BigTIFF or OME-TIFF instead.");
        }

        string name = Path.GetFileName(file.Path);
        var planes = new TiffPlane[images];
        for (int c = 0; c < channels; c++)
        {
            for (int t = 0; t < frames; t++)
            {
                for (int z = 0; z < slices; z++)
                {
                    planes[(((c * frames) + t) * slices) + z] = new TiffPlane(name, (((t * slices) + z) * channels) + c);
                }
            }
        }

        string? unit = TiffUnits.Normalize(values.GetValueOrDefault("unit"));
        double spacing = Double(values, "spacing", file) ?? 1;
        double x = file.XResolution is > 0 ? 1 / file.XResolution.Value : 1;
        double y = file.YResolution is > 0 ? 1 / file.YResolution.Value : 1;
        var voxel = new TiffVoxelSize(spacing, y, x, unit);
        var names = new string?[channels];
        return new TiffMetadata(TiffMetadataKind.ImageJ, channels, frames, slices, file.PageShape.Y, file.PageShape.X,
            planes, voxel, names, "XYCZT");
    }

    private static int? Int(Dictionary<string, string> values, string key, TiffFile file)
    {
        if (!values.TryGetValue(key, out string? text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw new TiffFormatException($"The ImageJ metadata of '{file.Path}' has {key}={text}; expected a positive integer.");
    }

    private static double? Double(Dictionary<string, string> values, string key, TiffFile file)
    {
        if (!values.TryGetValue(key, out string? text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0
            ? v
            : throw new TiffFormatException($"The ImageJ metadata of '{file.Path}' has {key}={text}; expected a positive number.");
    }
}
