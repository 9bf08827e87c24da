using Tessera.Zarr.V3.Codecs.Sharding;
using static Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding.ShardingTestData;

namespace Tessera.Storage.Tests.Zarr.V3.Codecs.Sharding;

public sealed class ShardIndexTests
{
    // "Binary shard format": index entries follow the C order of inner chunk positions, the last axis fastest.
    [Theory]
    [InlineData(new[] { 0, 0, 0 }, 0)]
    [InlineData(new[] { 0, 0, 3 }, 3)]
    [InlineData(new[] { 0, 1, 0 }, 4)]
    [InlineData(new[] { 1, 2, 3 }, (1 * 12) + (2 * 4) + 3)]
    public void ShardIndex_LinearIsCOrder(int[] position, int expected) =>
        Assert.Equal(expected, ShardIndex.Linear(position, [2, 3, 4]));

    [Fact]
    public void ShardIndex_LinearRejectsPositionsOutsideTheGrid()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardIndex.Linear([2, 0], [2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardIndex.Linear([0, -1], [2, 3]));
        Assert.Throws<ArgumentException>(() => ShardIndex.Linear([0], [2, 3]));
    }

    [Fact]
    public void ShardIndex_EmptyEntriesHaveNoRange()
    {
        var codec = Create(ShardingEntry("[1]", indexCodecs: IndexBig), "uint8", [3]);
        var index = codec.DecodeIndex(Index(bigEndian: true, checksum: false, (Empty, Empty), (0, 1), (1, 1)), 1 + 1 + 48, ShardSource);

        Assert.Equal(3, index.Count);
        Assert.True(index.IsEmpty(0));
        Assert.False(index.IsEmpty(2));
        Assert.Equal((1L, 1L), index[2]);
        Assert.Throws<InvalidOperationException>(() => index[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.IsEmpty(3));
    }
}
