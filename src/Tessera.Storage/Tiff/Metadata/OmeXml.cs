using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Tessera.Tiff.Metadata;

/// <summary>
/// Parses the OME-XML of an OME-TIFF (the first <c>Image</c>'s <c>Pixels</c>): sizes, DimensionOrder, physical
/// sizes and units (default µm), channel names, and the <c>TiffData</c> elements that map (c, t, z) planes to
/// pages (IFDs) of this file or, through <c>UUID FileName</c>, of other files of a multi-file set.
/// </summary>
internal static class OmeXml
{
    private static readonly string[] Orders = ["XYZCT", "XYZTC", "XYCTZ", "XYCZT", "XYTCZ", "XYTZC"];

    public static bool LooksLikeOme(string description) =>
        description.TrimStart().StartsWith('<') && description.Contains("<OME", StringComparison.Ordinal);

    public static TiffMetadata Parse(TiffFile file, string description)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(description);
        }
        catch (XmlException e)
        {
            throw new TiffFormatException($"The OME-XML in '{file.Path}' is not well-formed: {e.Message}", e);
        }

        var pixels = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Image")
            ?.Elements().FirstOrDefault(e => e.Name.LocalName == "Pixels")
            ?? throw Error(file, "has no Image/Pixels element", "a BinaryOnly file of a set: open the file that holds the full OME-XML");

        string order = Attr(pixels, "DimensionOrder") ?? "XYZCT";
        if (!Orders.Contains(order, StringComparer.Ordinal))
        {
            throw Error(file, $"has DimensionOrder '{order}'", $"expected one of {string.Join(", ", Orders)}");
        }

        int sizeX = Size(file, pixels, "SizeX");
        int sizeY = Size(file, pixels, "SizeY");
        int sizeZ = Size(file, pixels, "SizeZ");
        int sizeC = Size(file, pixels, "SizeC");
        int sizeT = Size(file, pixels, "SizeT");
        var channels = pixels.Elements().Where(e => e.Name.LocalName == "Channel").ToList();
        var names = new string?[sizeC];
        for (int i = 0; i < Math.Min(sizeC, channels.Count); i++)
        {
            names[i] = Attr(channels[i], "Name");
        }

        string? type = Attr(pixels, "Type");
        if (type is not null && !TypeMatches(type, file.DataType.Name))
        {
            throw Error(file, $"says Pixels Type '{type}'", $"but the pages hold {file.DataType.Name}");
        }

        var planes = MapPlanes(file, pixels, order, sizeC, sizeT, sizeZ);
        return new TiffMetadata(TiffMetadataKind.Ome, sizeC, sizeT, sizeZ, sizeY, sizeX, planes,
            VoxelSize(file, pixels), names, order);
    }

    private static TiffPlane[] MapPlanes(TiffFile file, XElement pixels, string order, int sizeC, int sizeT, int sizeZ)
    {
        string self = Path.GetFileName(file.Path);
        int total = sizeC * sizeT * sizeZ;
        var planes = new TiffPlane[total];
        var set = new bool[total];
        var tiffData = pixels.Elements().Where(e => e.Name.LocalName == "TiffData").ToList();
        if (tiffData.Count == 0)
        {
            for (int i = 0; i < total; i++)
            {
                Put(i, self, i);
            }
        }

        foreach (var data in tiffData)
        {
            int ifd = Int(file, data, "IFD") ?? 0;
            int first = Linear(order, Int(file, data, "FirstC") ?? 0, Int(file, data, "FirstT") ?? 0, Int(file, data, "FirstZ") ?? 0, sizeC, sizeT, sizeZ);
            int count = Int(file, data, "PlaneCount") ?? (Attr(data, "IFD") is null ? total - first : 1);
            var uuid = data.Elements().FirstOrDefault(e => e.Name.LocalName == "UUID");
            string name = (uuid is null ? null : Attr(uuid, "FileName")) ?? self;
            if (first + count > total)
            {
                throw Error(file, $"has a TiffData (IFD {ifd}) with {count} planes from plane {first}", $"but the image has only {total} planes");
            }

            for (int k = 0; k < count; k++)
            {
                Put(first + k, name, ifd + k);
            }
        }

        int missing = Array.IndexOf(set, false);
        if (missing >= 0)
        {
            var (c, t, z) = Coordinates(order, missing, sizeC, sizeT, sizeZ);
            throw Error(file, $"maps no page to plane (c {c}, t {t}, z {z})", "every plane needs a TiffData element");
        }

        return planes;

        void Put(int linear, string name, int page)
        {
            var (c, t, z) = Coordinates(order, linear, sizeC, sizeT, sizeZ);
            int index = (((c * sizeT) + t) * sizeZ) + z;
            planes[index] = new TiffPlane(name, page);
            set[index] = true;
        }
    }

    /// <summary>The plane's rank in DimensionOrder (its third letter varies fastest).</summary>
    private static int Linear(string order, int c, int t, int z, int sizeC, int sizeT, int sizeZ)
    {
        int linear = 0;
        for (int i = 4; i >= 2; i--)
        {
            var (value, size) = Pick(order[i], c, t, z, sizeC, sizeT, sizeZ);
            linear = (linear * size) + value;
        }

        return linear;
    }

    private static (int C, int T, int Z) Coordinates(string order, int linear, int sizeC, int sizeT, int sizeZ)
    {
        int c = 0, t = 0, z = 0;
        for (int i = 2; i <= 4; i++)
        {
            int size = Pick(order[i], 0, 0, 0, sizeC, sizeT, sizeZ).Size;
            int value = linear % size;
            linear /= size;
            switch (order[i])
            {
                case 'C': c = value; break;
                case 'T': t = value; break;
                default: z = value; break;
            }
        }

        return (c, t, z);
    }

    private static (int Value, int Size) Pick(char axis, int c, int t, int z, int sizeC, int sizeT, int sizeZ) => axis switch
    {
        'C' => (c, sizeC),
        'T' => (t, sizeT),
        _ => (z, sizeZ),
    };

    private static TiffVoxelSize VoxelSize(TiffFile file, XElement pixels)
    {
        var (x, xu) = Physical(file, pixels, "X");
        var (y, yu) = Physical(file, pixels, "Y");
        var (z, zu) = Physical(file, pixels, "Z");
        string? unit = xu ?? yu ?? zu;
        return new TiffVoxelSize(Convert(z, zu, unit), Convert(y, yu, unit), Convert(x, xu, unit), unit);
    }

    private static (double Value, string? Unit) Physical(TiffFile file, XElement pixels, string axis)
    {
        string? text = Attr(pixels, "PhysicalSize" + axis);
        if (text is null)
        {
            return (1, null);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0)
        {
            throw Error(file, $"has PhysicalSize{axis}='{text}'", "expected a positive number");
        }

        string unitText = Attr(pixels, $"PhysicalSize{axis}Unit") ?? "µm";
        return (value, TiffUnits.Normalize(unitText)
            ?? throw Error(file, $"has PhysicalSize{axis}Unit='{unitText}'", "expected a length unit such as µm or nm"));
    }

    private static double Convert(double value, string? from, string? to)
    {
        if (from is null || to is null || from == to || TiffUnits.Meters(from) is not { } f || TiffUnits.Meters(to) is not { } t)
        {
            return value;
        }

        // In decimal where it fits, so that 0.2 µm becomes 200 nm rather than 199.99999999999997.
        if (value is > 1e-12 and < 1e12)
        {
            double exact = (double)((decimal)value * (decimal)f / (decimal)t);
            if (exact > 0)
            {
                return exact;
            }
        }

        return value * f / t;
    }

    private static bool TypeMatches(string omeType, string name) =>
        omeType == name || (omeType == "float" && name == "float32") || (omeType == "double" && name == "float64");

    private static string? Attr(XElement element, string name) => element.Attribute(name)?.Value;

    private static int Size(TiffFile file, XElement pixels, string name) =>
        Int(file, pixels, name) is { } v and > 0 ? v : throw Error(file, $"has no valid Pixels {name}", "expected a positive integer");

    private static int? Int(TiffFile file, XElement element, string name)
    {
        string? text = Attr(element, name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v
            : throw Error(file, $"has {element.Name.LocalName} {name}='{text}'", "expected a non-negative integer");
    }

    private static TiffFormatException Error(TiffFile file, string what, string fix) =>
        new($"The OME-XML in '{file.Path}' {what}; {fix}.");
}
