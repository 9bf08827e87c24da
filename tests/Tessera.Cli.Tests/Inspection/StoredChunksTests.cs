using Tessera.Cli.Inspection;

namespace Tessera.Cli.Tests.Inspection;

public sealed class StoredChunksTests
{
    [Theory]
    [InlineData("0.0", '.', true)]
    [InlineData("2.3", '.', true)]
    [InlineData("3.0", '.', false)] // Outside the grid.
    [InlineData("0.4", '.', false)]
    [InlineData("0", '.', false)]
    [InlineData("0.0.0", '.', false)]
    [InlineData(".zarray", '.', false)]
    [InlineData("0.-1", '.', false)]
    [InlineData("a.b", '.', false)]
    [InlineData("1/2", '/', true)]
    [InlineData("1.2", '/', false)]
    [InlineData("1/2/", '/', false)]
    public void IsChunkKey_MatchesKeysOfTheGrid(string key, char separator, bool expected)
    {
        Assert.Equal(expected, StoredChunks.IsChunkKey(key, separator, [3, 4]));
    }

    [Fact]
    public void IsChunkKey_ZeroDimensionalArrayHasKeyZero()
    {
        Assert.True(StoredChunks.IsChunkKey("0", '.', []));
        Assert.False(StoredChunks.IsChunkKey("0.0", '.', []));
    }
}
