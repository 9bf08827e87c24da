using System.Text.RegularExpressions;
using System.Xml.Linq;
using Tessera.DataTypes;

namespace Tessera.Tiff.Writing;

public sealed partial class OmeTiffMetadataTests
{
    private static readonly XNamespace Ome = OmeTiffMetadata.Namespace;

    [Fact]
    public void OmeTiff_TwoChannelStackReadsBackWithPhysicalSizesAndChannelNames()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("cells.ome.tif");
        var type = DataType.For<ushort>();
        byte[] data = TiffStackWriterTests.Sample(type, 2 * 5 * 7 * 13, seed: 11);
        var options = new TiffWriterOptions
        {
            Compression = TiffCompression.Deflate,
            Metadata = new OmeTiffMetadata
            {
                Axes = "czyx",
                Shape = [2, 5, 7, 13],
                PhysicalSizeX = 0.65,
                PhysicalSizeY = 0.65,
                PhysicalSizeZ = 2.0,
                Unit = "micrometer",
                ChannelNames = ["DAPI", "GFP µ"],
            },
        };

        TiffWriter.Write(path, data, [2, 5, 7, 13], type, options);

        var result = TiffReference.Read(path, data, "<u2", 2, 5, 7, 13);
        Assert.True(result.GetProperty("is_ome").GetBoolean());
        Assert.Equal("CZYX", result.GetProperty("axes").GetString());
        Assert.Equal([2, 5, 7, 13], result.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(result.GetProperty("equal").GetBoolean());

        var xml = XDocument.Parse(result.GetProperty("ome").GetString()!);
        AssertOmeStructure(xml);
        var pixels = xml.Root!.Element(Ome + "Image")!.Element(Ome + "Pixels")!;
        Assert.Equal("XYZCT", (string?)pixels.Attribute("DimensionOrder"));
        Assert.Equal("uint16", (string?)pixels.Attribute("Type"));
        Assert.Equal(("13", "7", "5", "2", "1"), ((string)pixels.Attribute("SizeX")!, (string)pixels.Attribute("SizeY")!, (string)pixels.Attribute("SizeZ")!, (string)pixels.Attribute("SizeC")!, (string)pixels.Attribute("SizeT")!));
        Assert.Equal(0.65, (double)pixels.Attribute("PhysicalSizeX")!);
        Assert.Equal(0.65, (double)pixels.Attribute("PhysicalSizeY")!);
        Assert.Equal(2.0, (double)pixels.Attribute("PhysicalSizeZ")!);
        Assert.All(new[] { "X", "Y", "Z" }, a => Assert.Equal("µm", (string?)pixels.Attribute($"PhysicalSize{a}Unit")));
        Assert.Equal(["DAPI", "GFP µ"], pixels.Elements(Ome + "Channel").Select(c => (string?)c.Attribute("Name")));
        var tiffData = Assert.Single(pixels.Elements(Ome + "TiffData"));
        Assert.Equal("10", (string?)tiffData.Attribute("PlaneCount"));
        Assert.Equal("cells.ome.tif", (string?)tiffData.Element(Ome + "UUID")!.Attribute("FileName"));
        Assert.Equal((string?)xml.Root.Attribute("UUID"), tiffData.Element(Ome + "UUID")!.Value);
    }

    [Fact]
    public void OmeTiff_TimeLapseFloatStackReadsBackAsTczyx()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("movie.ome.tif");
        var type = DataType.For<float>();
        byte[] data = TiffStackWriterTests.Sample(type, 3 * 2 * 4 * 6 * 5, seed: 12);
        var options = new TiffWriterOptions
        {
            Metadata = new OmeTiffMetadata { Axes = "tczyx", Shape = [3, 2, 4, 6, 5], PhysicalSizeX = 100, PhysicalSizeY = 100, Unit = "nanometer" },
        };

        TiffWriter.Write(path, data, [3, 2, 4, 6, 5], type, options);

        var result = TiffReference.Read(path, data, "<f4", 3, 2, 4, 6, 5);
        Assert.Equal("TCZYX", result.GetProperty("axes").GetString());
        Assert.True(result.GetProperty("equal").GetBoolean());
        var xml = XDocument.Parse(result.GetProperty("ome").GetString()!);
        AssertOmeStructure(xml);
        var pixels = xml.Root!.Element(Ome + "Image")!.Element(Ome + "Pixels")!;
        Assert.Equal("float", (string?)pixels.Attribute("Type"));
        Assert.Equal("nm", (string?)pixels.Attribute("PhysicalSizeXUnit"));
        Assert.Null(pixels.Attribute("PhysicalSizeZ"));
        Assert.Equal(2, pixels.Elements(Ome + "Channel").Count());
    }

    [Theory]
    [InlineData("tczyx", "XYZCT")]
    [InlineData("czyx", "XYZCT")]
    [InlineData("zcyx", "XYCZT")]
    [InlineData("ctzyx", "XYZTC")]
    [InlineData("tyx", "XYTZC")]
    [InlineData("yx", "XYZCT")]
    public void DimensionOrder_ListsFastestPageAxisFirst(string axes, string expected) =>
        Assert.Equal(expected, OmeTiffMetadata.DimensionOrder(axes));

    [Fact]
    public void OmeTiffMetadata_RejectsInconsistentMetadata()
    {
        using var dir = new TempDirectory();
        var type = DataType.For<byte>();
        TiffWriterOptions With(OmeTiffMetadata m) => new() { Metadata = m };
        var good = new OmeTiffMetadata { Axes = "czyx", Shape = [2, 3, 4, 5] };

        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 4, 5, type, 6, With(good with { ChannelNames = ["one"] })));
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 4, 5, type, 5, With(good)));
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 5, 4, type, 6, With(good)));
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 4, 5, type, 6, With(good with { Unit = "um" })));
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 4, 5, type, 6, With(good with { PhysicalSizeX = -1 })));
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 4, 5, type, 6, With(good with { Axes = "cyxz" })));
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 4, 5, type, 6, With(good with { Axes = "ccyx" })));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    /// <summary>
    /// The rules of the OME 2016-06 schema that matter to readers, checked by hand since no XSD is available offline:
    /// every element in the namespace, required attributes present and well-formed, child order Channel* then TiffData.
    /// </summary>
    private static void AssertOmeStructure(XDocument xml)
    {
        var root = xml.Root!;
        Assert.Equal(Ome + "OME", root.Name);
        Assert.All(root.DescendantsAndSelf(), e => Assert.Equal(Ome, e.Name.Namespace));
        Assert.Matches(UuidPattern(), (string?)root.Attribute("UUID"));

        var image = Assert.Single(root.Elements(Ome + "Image"));
        Assert.Matches("^Image:\\S+$", (string?)image.Attribute("ID"));
        var pixels = Assert.Single(image.Elements(Ome + "Pixels"));
        Assert.Matches("^Pixels:\\S+$", (string?)pixels.Attribute("ID"));
        Assert.Matches("^XY(ZCT|ZTC|CTZ|CZT|TCZ|TZC)$", (string?)pixels.Attribute("DimensionOrder"));
        Assert.Contains((string?)pixels.Attribute("Type"), new[] { "int8", "int16", "int32", "uint8", "uint16", "uint32", "float", "double", "bit", "complex", "double-complex" });
        foreach (string size in new[] { "SizeX", "SizeY", "SizeZ", "SizeC", "SizeT" })
        {
            Assert.True(int.Parse((string)pixels.Attribute(size)!, System.Globalization.CultureInfo.InvariantCulture) >= 1, size);
        }

        foreach (var attribute in pixels.Attributes().Where(a => a.Name.LocalName.StartsWith("PhysicalSize", StringComparison.Ordinal) && !a.Name.LocalName.EndsWith("Unit", StringComparison.Ordinal)))
        {
            Assert.True((double)attribute > 0, attribute.Name.LocalName);
            Assert.NotNull(pixels.Attribute(attribute.Name.LocalName + "Unit"));
        }

        var children = pixels.Elements().Select(e => e.Name.LocalName).ToList();
        int firstTiffData = children.IndexOf("TiffData");
        Assert.True(firstTiffData >= 0);
        Assert.All(children.Take(firstTiffData), n => Assert.Equal("Channel", n));
        Assert.Equal(int.Parse((string)pixels.Attribute("SizeC")!, System.Globalization.CultureInfo.InvariantCulture), children.Count(n => n == "Channel"));
        foreach (var channel in pixels.Elements(Ome + "Channel"))
        {
            Assert.Matches("^Channel:\\S+$", (string?)channel.Attribute("ID"));
            Assert.Equal("1", (string?)channel.Attribute("SamplesPerPixel"));
        }

        var planes = pixels.Elements(Ome + "TiffData").Sum(t => (int?)t.Attribute("PlaneCount") ?? 1);
        Assert.Equal(
            (int)pixels.Attribute("SizeZ")! * (int)pixels.Attribute("SizeC")! * (int)pixels.Attribute("SizeT")!,
            planes);
    }

    [GeneratedRegex("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();
}
