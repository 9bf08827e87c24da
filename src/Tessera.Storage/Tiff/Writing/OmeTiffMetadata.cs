using System.Globalization;
using System.Text;
using System.Xml;
using Tessera.DataTypes;

namespace Tessera.Tiff.Writing;

/// <summary>
/// Writes an OME-TIFF: one OME-XML (2016-06 schema) <c>Image</c> in page 0's ImageDescription, whose
/// <c>DimensionOrder</c> follows the page order of <see cref="TiffStackMetadata.Axes"/> (for <c>"tczyx"</c>,
/// <c>XYZCT</c>: z fastest, then c, then t).
/// </summary>
public sealed record OmeTiffMetadata : TiffStackMetadata
{
    /// <summary>The OME 2016-06 schema namespace.</summary>
    public const string Namespace = "http://www.openmicroscopy.org/Schemas/OME/2016-06";

    /// <summary>The pixel size along x in <see cref="Unit"/>s; null leaves it out.</summary>
    public double? PhysicalSizeX { get; init; }

    /// <summary>The pixel size along y in <see cref="Unit"/>s; null leaves it out.</summary>
    public double? PhysicalSizeY { get; init; }

    /// <summary>The plane spacing along z in <see cref="Unit"/>s; null leaves it out.</summary>
    public double? PhysicalSizeZ { get; init; }

    /// <summary>The length unit as an OME-NGFF name (<c>micrometer</c>, <c>nanometer</c>, <c>millimeter</c>, ...); written as its OME symbol (<c>µm</c>).</summary>
    public string Unit { get; init; } = "micrometer";

    /// <summary>One name per channel (the size of <c>c</c>); null names none.</summary>
    public IReadOnlyList<string>? ChannelNames { get; init; }

    /// <summary>The image's name; null uses the file name.</summary>
    public string? ImageName { get; init; }

    /// <summary>The OME <c>DimensionOrder</c> for <paramref name="axes"/>: fastest axis first, absent axes last.</summary>
    /// <remarks>Every permutation of Z, C and T is a valid order, so any axes allowed here map onto one.</remarks>
    internal static string DimensionOrder(string axes)
    {
        var order = new StringBuilder("XY");
        for (int i = axes.Length - 3; i >= 0; i--)
        {
            order.Append(char.ToUpperInvariant(axes[i]));
        }

        foreach (char a in "ZCT")
        {
            if (!order.ToString().Contains(a, StringComparison.Ordinal))
            {
                order.Append(a);
            }
        }

        return order.ToString();
    }

    /// <summary>The OME <c>PixelType</c> of <paramref name="type"/>.</summary>
    internal static string PixelType(DataType type) => type.Kind == DataTypeKind.Float32 ? "float" : type.Name;

    /// <inheritdoc/>
    internal override void Validate(int height, int width, DataType type, long pageCount)
    {
        base.Validate(height, width, type, pageCount);
        _ = OmeUnits.LengthSymbol(Unit);
        foreach (double? size in (ReadOnlySpan<double?>)[PhysicalSizeX, PhysicalSizeY, PhysicalSizeZ])
        {
            if (size is { } s && !(s > 0 && double.IsFinite(s)))
            {
                throw new ArgumentException($"OmeTiffMetadata physical sizes must be positive and finite; found {s.ToString(CultureInfo.InvariantCulture)}.", "options");
            }
        }

        if (ChannelNames is not null && ChannelNames.Count != SizeOf('c'))
        {
            throw new ArgumentException($"OmeTiffMetadata.ChannelNames has {ChannelNames.Count} names but the stack has {SizeOf('c')} channels.", "options");
        }
    }

    /// <inheritdoc/>
    internal override string BuildDescription(string fileName, DataType type)
    {
        string uuid = $"urn:uuid:{Guid.NewGuid():D}";
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartElement("OME", Namespace);
            xml.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
            xml.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", $"{Namespace} {Namespace}/ome.xsd");
            xml.WriteAttributeString("UUID", uuid);
            xml.WriteAttributeString("Creator", "Tessera");

            xml.WriteStartElement("Image", Namespace);
            xml.WriteAttributeString("ID", "Image:0");
            xml.WriteAttributeString("Name", ImageName ?? fileName);

            xml.WriteStartElement("Pixels", Namespace);
            xml.WriteAttributeString("ID", "Pixels:0");
            xml.WriteAttributeString("DimensionOrder", DimensionOrder(Axes));
            xml.WriteAttributeString("Type", PixelType(type));
            xml.WriteAttributeString("SizeX", Number(SizeOf('x')));
            xml.WriteAttributeString("SizeY", Number(SizeOf('y')));
            xml.WriteAttributeString("SizeZ", Number(SizeOf('z')));
            xml.WriteAttributeString("SizeC", Number(SizeOf('c')));
            xml.WriteAttributeString("SizeT", Number(SizeOf('t')));
            string unit = OmeUnits.LengthSymbol(Unit);
            WritePhysicalSize(xml, "X", PhysicalSizeX, unit);
            WritePhysicalSize(xml, "Y", PhysicalSizeY, unit);
            WritePhysicalSize(xml, "Z", PhysicalSizeZ, unit);
            xml.WriteAttributeString("BigEndian", BitConverter.IsLittleEndian ? "false" : "true");
            xml.WriteAttributeString("Interleaved", "false");
            xml.WriteAttributeString("SignificantBits", Number(type.ItemSize * 8));

            for (int c = 0; c < SizeOf('c'); c++)
            {
                xml.WriteStartElement("Channel", Namespace);
                xml.WriteAttributeString("ID", $"Channel:0:{c}");
                if (ChannelNames is not null)
                {
                    xml.WriteAttributeString("Name", ChannelNames[c]);
                }

                xml.WriteAttributeString("SamplesPerPixel", "1");
                xml.WriteEndElement();
            }

            long planes = SizeOf('z') * SizeOf('c') * SizeOf('t');
            xml.WriteStartElement("TiffData", Namespace);
            xml.WriteAttributeString("IFD", "0");
            xml.WriteAttributeString("PlaneCount", Number(planes));
            xml.WriteStartElement("UUID", Namespace);
            xml.WriteAttributeString("FileName", fileName);
            xml.WriteString(uuid);
            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + AsciiOnly(text.ToString());
    }

    private static void WritePhysicalSize(XmlWriter xml, string axis, double? size, string unit)
    {
        if (size is { } s)
        {
            xml.WriteAttributeString($"PhysicalSize{axis}", s.ToString("R", CultureInfo.InvariantCulture));
            xml.WriteAttributeString($"PhysicalSize{axis}Unit", unit);
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Replaces every non-ASCII character with an XML character reference: LibTiff.NET writes ASCII tags as
    /// Latin-1, so <c>µm</c> would otherwise reach readers as a byte that is not valid UTF-8.
    /// </summary>
    private static string AsciiOnly(string xml)
    {
        var result = new StringBuilder(xml.Length);
        foreach (Rune rune in xml.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                result.Append((char)rune.Value);
            }
            else
            {
                result.Append("&#x").Append(rune.Value.ToString("X", CultureInfo.InvariantCulture)).Append(';');
            }
        }

        return result.ToString();
    }
}
