using System.Text.Json.Nodes;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Plans;
using Tessera.Tiff;

namespace Tessera.Arrays.Tests.Tiff;

public sealed class TiffSeriesTests(TiffInputFixture inputs) : IClassFixture<TiffInputFixture>
{
    [Fact]
    public async Task OpenTiffSeries_StacksChannelAndTimeFiles()
    {
        var array = LazyArray.OpenTiffSeries(inputs.Combine("series", "ch{c}_t{t:03}.tif"), out var metadata);

        Assert.Equal([2L, 4, 5, 12, 14], array.Shape.ToArray());
        Assert.Equal([1, 1, 5, 12, 14], array.Chunks.ChunkShape.ToArray());
        Assert.Equal("tiff-series", array.NodeKind);
        Assert.Equal(inputs.Combine("series", "ch1_t002.tif"), metadata.Files[(1 * 4) + 2]);
        Assert.Equal(2, metadata.ChannelNames.Count);
        Assert.Equal(inputs.Expected("series"), await TiffInputFixture.ComputeBytesAsync(array));
    }

    [Fact]
    public async Task OpenTiffSeries_TimeOnlyStartsAtTheLowestIndexAndKeepsVoxelSize()
    {
        var array = LazyArray.OpenTiffSeries(inputs.Combine("times", "t{t}.tif"), out var metadata);

        Assert.Equal([1L, 3, 4, 9, 10], array.Shape.ToArray());
        Assert.Equal(2.0, metadata.VoxelSize.Z, 9);
        Assert.Equal(0.3, metadata.VoxelSize.X, 6);
        Assert.Equal(inputs.Combine("times", "t1.tif"), metadata.Files[0]);
        Assert.Equal(inputs.Expected("times"), await TiffInputFixture.ComputeBytesAsync(array));
    }

    [Fact]
    public void OpenTiffSeries_NamesTheFirstMissingFile()
    {
        var error = Assert.Throws<TiffFormatException>(() => LazyArray.OpenTiffSeries(inputs.Combine("missing", "ch{c}_t{t:03}.tif")));
        Assert.StartsWith($"{inputs.Combine("missing", "ch1_t007.tif")} is missing: the pattern matched c 0..1 and t 0..9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("badshape", "ch1_t001.tif", "6 pages of 12×14 uint16", "5 pages of 12×14 uint16")]
    [InlineData("badtype", "ch0_t002.tif", "5 pages of 12×14 float32", "5 pages of 12×14 uint16")]
    [InlineData("twobad", "ch0_t009.tif", "4 pages of 12×14 uint16", "5 pages of 12×14 uint16")] // the first of two, in series order
    public void OpenTiffSeries_RefusesAFileUnlikeTheFirst(string folder, string file, string found, string expected)
    {
        var error = Assert.Throws<TiffFormatException>(() => LazyArray.OpenTiffSeries(inputs.Combine(folder, "ch{c}_t{t:03}.tif")));
        Assert.Contains($"'{inputs.Combine(folder, file)}' holds {found}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"holds {expected}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("raw/ch.tif")]
    [InlineData("raw/ch{z}.tif")]
    [InlineData("raw/ch{c}_{c}.tif")]
    [InlineData("raw{c}/t{t}.tif")]
    public void OpenTiffSeries_RefusesBadPatterns(string pattern) =>
        Assert.Throws<ArgumentException>(() => LazyArray.OpenTiffSeries(pattern));

    [Fact]
    public void OpenTiffSeries_NoMatchSaysSo()
    {
        // Unpadded {t} does not match t001-style names.
        var error = Assert.Throws<TiffFormatException>(() => LazyArray.OpenTiffSeries(inputs.Combine("series", "ch{c}_t{t}.tif")));
        Assert.Contains("No file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenTiffSeries_PlanRoundTrips()
    {
        var array = LazyArray.OpenTiffSeries(inputs.Combine("series", "ch{c}_t{t:03}.tif")).Slice(.., 1..3, .., 2..9);
        var plan = LazyPlan.ToJson(array);
        var node = plan["nodes"]![0]!.AsObject();
        Assert.Equal("tiff-series", (string?)node["node"]);
        Assert.Equal(8, node["files"]!.AsArray().Count);
        Assert.Equal("ch0_t001.tif", (string?)node["files"]![1]);

        var rebuilt = await LazyPlan.FromJsonAsync(JsonNode.Parse(plan.ToJsonString())!.AsObject(), new OperationRegistry());
        Assert.Equal(array.Token, rebuilt.Token);
        Assert.Equal(await TiffInputFixture.ComputeBytesAsync(array), await TiffInputFixture.ComputeBytesAsync(rebuilt));
    }
}
