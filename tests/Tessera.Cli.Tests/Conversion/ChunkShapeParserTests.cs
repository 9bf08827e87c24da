using Tessera.Cli.Conversion;

namespace Tessera.Cli.Tests.Conversion;

public sealed class ChunkShapeParserTests
{
    [Theory]
    [InlineData("1,1,64,256,256", new[] { 1, 1, 64, 256, 256 })]
    [InlineData("7", new[] { 7 })]
    [InlineData(" 3, 193 ,1", new[] { 3, 193, 1 })]
    public void TryParse_AcceptsPositiveSizes(string text, int[] expected)
    {
        Assert.True(ChunkShapeParser.TryParse(text, out var chunks, out _));
        Assert.Equal(expected, chunks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1,,2")]
    [InlineData("0,4")]
    [InlineData("-1,4")]
    [InlineData("+2,4")]
    [InlineData("2.5,4")]
    [InlineData("99999999999,4")]
    public void TryParse_RefusesOtherText(string text)
    {
        Assert.False(ChunkShapeParser.TryParse(text, out _, out string error));
        Assert.Contains("--chunks", error);
    }

    [Fact]
    public void CheckFits_RefusesWrongRank()
    {
        var ex = Assert.Throws<UsageException>(() => ChunkShapeParser.CheckFits([4, 4], [2, 3, 4], 2, "/data/in.zarr"));

        Assert.Contains("'/data/in.zarr' has 3 dimensions", ex.Message);
    }

    [Fact]
    public void CheckFits_RefusesChunksTooLargeForMemory()
    {
        var ex = Assert.Throws<UsageException>(() => ChunkShapeParser.CheckFits([65536, 65536], [10, 10], 1, "in"));

        Assert.Contains("smaller chunks", ex.Message);
    }
}
