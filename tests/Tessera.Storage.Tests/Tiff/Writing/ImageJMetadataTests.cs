using Tessera.DataTypes;

namespace Tessera.Tiff.Writing;

public sealed class ImageJMetadataTests
{
    [Fact]
    public void ImageJ_HyperstackReadsBackWithSpacingAndUnit()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("stack.tif");
        var type = DataType.For<ushort>();
        byte[] data = TiffStackWriterTests.Sample(type, 4 * 2 * 9 * 11, seed: 21);
        var options = new TiffWriterOptions
        {
            Metadata = new ImageJMetadata { Axes = "zcyx", Shape = [4, 2, 9, 11], PixelSizeX = 0.5, Spacing = 2.5 },
        };

        TiffWriter.Write(path, data, [4, 2, 9, 11], type, options);

        var result = TiffReference.Read(path, data, "<u2", 4, 2, 9, 11);
        Assert.True(result.GetProperty("is_imagej").GetBoolean());
        Assert.Equal("ZCYX", result.GetProperty("axes").GetString());
        Assert.True(result.GetProperty("equal").GetBoolean());
        var imagej = result.GetProperty("imagej");
        Assert.Equal(8, imagej.GetProperty("images").GetInt32());
        Assert.Equal(2, imagej.GetProperty("channels").GetInt32());
        Assert.Equal(4, imagej.GetProperty("slices").GetInt32());
        Assert.True(imagej.GetProperty("hyperstack").GetBoolean());
        Assert.Equal("micron", imagej.GetProperty("unit").GetString());
        Assert.Equal(2.5, imagej.GetProperty("spacing").GetDouble());
        Assert.Equal(2.0, result.GetProperty("xresolution").GetDouble(), 6);
    }

    [Fact]
    public void ImageJ_RefusesAxisOrderAndTypesImageJCannotHold()
    {
        using var dir = new TempDirectory();
        var czyx = new TiffWriterOptions { Metadata = new ImageJMetadata { Axes = "czyx", Shape = [2, 3, 4, 5] } };
        var zyx = new TiffWriterOptions { Metadata = new ImageJMetadata { Axes = "zyx", Shape = [6, 4, 5] } };

        var order = Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 4, 5, DataType.For<byte>(), 6, czyx));
        Assert.Contains("tzcyx", order.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 4, 5, DataType.For<int>(), 6, zyx));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
