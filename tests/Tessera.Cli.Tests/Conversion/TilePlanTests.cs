using Tessera.Cli.Conversion;

namespace Tessera.Cli.Tests.Conversion;

public sealed class TilePlanTests
{
    [Fact]
    public void ChunksPerTile_SameChunksIsOneChunkPerTile()
    {
        Assert.Equal([1, 1, 1], TilePlan.ChunksPerTile([64, 256, 256], [64, 256, 256], [201, 1024, 768], 2));
    }

    [Fact]
    public void ChunksPerTile_SmallerOutputChunksCoverOneInputChunk()
    {
        Assert.Equal([1, 1, 8, 4, 4], TilePlan.ChunksPerTile([1, 1, 64, 256, 256], [1, 1, 8, 64, 64], [2, 4, 64, 256, 256], 2));
    }

    [Fact]
    public void ChunksPerTile_MisalignedChunksRoundUp()
    {
        Assert.Equal([2, 2], TilePlan.ChunksPerTile([64, 64], [50, 33], [1000, 1000], 1));
    }

    [Fact]
    public void ChunksPerTile_LargerOutputChunksNeedNoTiles()
    {
        Assert.Equal([1, 1], TilePlan.ChunksPerTile([16, 16], [64, 64], [100, 100], 4));
    }

    [Fact]
    public void ChunksPerTile_NeverExceedsTheGrid()
    {
        Assert.Equal([2, 1], TilePlan.ChunksPerTile([64, 64], [5, 64], [7, 64], 2));
    }

    [Fact]
    public void ChunksPerTile_FallsBackToSingleChunksWhenTilesWouldBeHuge()
    {
        // From z-columns to z-slices: a tile covering one input chunk would hold 256 output chunks,
        // 256 times the memory of either chunk, so each output chunk reads its own region instead.
        Assert.Equal([1, 1, 1], TilePlan.ChunksPerTile([256, 1, 256], [1, 256, 256], [256, 256, 256], 2));
        Assert.Equal([64, 64, 64], TilePlan.ChunksPerTile([64, 64, 64], [1, 1, 1], [64, 64, 64], 2));
    }
}
