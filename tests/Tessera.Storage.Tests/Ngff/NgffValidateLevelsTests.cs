using Tessera.Ngff;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Ngff;

public sealed class NgffValidateLevelsTests
{
    private const string Source = "/data/img.zarr/zarr.json";

    private static readonly NgffImage V05 = NgffImage.FromAttributes(NgffDocuments.Parse(NgffDocuments.V05), Source)!;
    private static readonly NgffImage V04 = NgffImage.FromAttributes(NgffDocuments.Parse(NgffDocuments.V04), "/data/img.zarr/.zattrs")!;

    [Theory]
    [InlineData(513L, 257L)]
    [InlineData(513L, 256L)]
    [InlineData(512L, 256L)]
    [InlineData(1L, 1L)]
    [InlineData(1L, 0L)]
    public void ValidateLevels_AcceptsShapesRoundedEitherWay(long fine, long coarse)
    {
        V05.ValidateLevels([[2, 31, fine, 1024], [2, 31, coarse, 512]], Source);
    }

    [Fact]
    public void ValidateLevels_AcceptsThreeLevels()
    {
        V04.ValidateLevels([[5, 2, 64, 193, 128], [5, 2, 32, 97, 64], [5, 2, 16, 48, 32]], "/data/img.zarr/.zattrs");
    }

    [Fact]
    public void ValidateLevels_ShapeInconsistentWithScale()
    {
        var ex = Assert.Throws<ZarrFormatException>(() => V05.ValidateLevels([[2, 31, 513, 1024], [2, 31, 300, 512]], Source));

        Assert.StartsWith($"'{Source}': ome.multiscales[0].datasets[1].coordinateTransformations[0].scale: along axis 'y'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the scale 0.65 is 2 times level 0's 0.325", ex.Message, StringComparison.Ordinal);
        Assert.Contains("should have 256 or 257 elements there (513 / 2, rounded down or up); it has 300", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateLevels_ExactShapeMustMatchExactly()
    {
        var ex = Assert.Throws<ZarrFormatException>(() => V04.ValidateLevels([[5, 2, 64, 128, 128], [5, 2, 32, 64, 64], [5, 2, 16, 32, 33]], "z/.zattrs"));

        Assert.StartsWith("'z/.zattrs': multiscales[0].datasets[2].coordinateTransformations[0].scale: along axis 'x'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("should have 32 elements", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateLevels_MissingPath()
    {
        var ex = Assert.Throws<ZarrFormatException>(() => V05.ValidateLevels([[2, 31, 512, 1024], null], Source));

        Assert.StartsWith($"'{Source}': ome.multiscales[0].datasets[1].path: array 's1' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateLevels_AxisCountDiffersFromRank()
    {
        var ex = Assert.Throws<ZarrFormatException>(() => V05.ValidateLevels([[1, 2, 31, 512, 1024], [1, 2, 31, 256, 512]], Source));

        Assert.Equal(
            $"'{Source}': ome.multiscales[0].axes: axes has 4 entries (c, z, y, x) but array 's0' (datasets[0]) has 5 dimensions " +
            "[1, 2, 31, 512, 1024]; there must be one axis per array dimension.",
            ex.Message);
    }

    [Fact]
    public void ValidateLevels_LevelLargerThanThePrevious()
    {
        var ex = Assert.Throws<ZarrFormatException>(() => V05.ValidateLevels([[2, 31, 512, 1024], [2, 32, 256, 512]], Source));

        Assert.StartsWith($"'{Source}': ome.multiscales[0].datasets[1]: array 's1' [2, 32, 256, 512] is larger than the previous level 's0'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("along axis 'z'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateLevels_OmeroChannelCountMustMatchTheChannelAxis()
    {
        var ex = Assert.Throws<ZarrFormatException>(() => V05.ValidateLevels([[3, 31, 512, 1024], [3, 31, 256, 512]], Source));

        Assert.StartsWith($"'{Source}': ome.omero.channels: lists 2 channels but axis 'c' of array 's0' has 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateLevels_NeedsOneShapePerDataset()
    {
        var ex = Assert.Throws<ArgumentException>(() => V05.ValidateLevels([[2, 31, 512, 1024]], Source));

        Assert.Equal("levelShapes", ex.ParamName);
    }
}
