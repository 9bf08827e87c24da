using Tessera.DataTypes;
using Tessera.Stores;
using Tessera.Zarr;
using Tessera.Zarr.V3;

namespace Tessera.Storage.Tests.Zarr;

/// <summary><see cref="ZarrArray.TryParseChunkKey"/> accepts exactly the keys <see cref="ZarrArray.ChunkKey"/> writes, inside the grid.</summary>
public sealed class ChunkKeyParsingTests
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
    [InlineData("01.2", '.', false)] // Not as written.
    [InlineData("1/2", '/', true)]
    [InlineData("1.2", '/', false)]
    [InlineData("1/2/", '/', false)]
    public async Task V2Keys(string key, char separator, bool expected)
    {
        var array = await V2Async([5, 8], separator);
        Assert.Equal(expected, array.TryParseChunkKey(key, out long[] index));
        if (expected)
        {
            Assert.Equal(key, array.ChunkKey(index));
        }
    }

    [Theory]
    [InlineData("c/0/0", "default", '/', true)]
    [InlineData("c/2/3", "default", '/', true)]
    [InlineData("c.2.3", "default", '.', true)]
    [InlineData("c/2.3", "default", '/', false)]
    [InlineData("2/3", "default", '/', false)]
    [InlineData("c/3/0", "default", '/', false)] // Outside the grid.
    [InlineData("zarr.json", "default", '/', false)]
    [InlineData("2.3", "v2", '.', true)]
    [InlineData("c/2/3", "v2", '/', false)]
    [InlineData("2/3", "v2", '/', true)]
    public async Task V3Keys(string key, string encoding, char separator, bool expected)
    {
        var metadata = new ZarrV3Metadata
        {
            Shape = [5, 8],
            ChunkShape = [2, 2],
            DataType = DataType.For<ushort>(),
            ChunkKeyEncoding = encoding == "v2" ? ChunkKeyEncoding.V2(separator) : ChunkKeyEncoding.Default(separator),
            FillValue = V3FillValue.Parse(0, DataType.For<ushort>()),
            Codecs = [new V3Codec("bytes", new() { ["endian"] = "little" })],
        };
        var array = await ZarrArray.CreateAsync(new MemoryStore(), "a", metadata);
        Assert.Equal(expected, array.TryParseChunkKey(key, out long[] index));
        if (expected)
        {
            Assert.Equal("a/" + key, array.ChunkKey(index));
        }
    }

    [Fact]
    public async Task ZeroDimensionalV2ArrayHasKeyZero()
    {
        var array = await V2Async([], '.');
        Assert.True(array.TryParseChunkKey("0", out _));
        Assert.False(array.TryParseChunkKey("0.0", out _));
    }

    private static Task<ZarrArray> V2Async(long[] shape, char separator) => ZarrArray.CreateAsync(new MemoryStore(), "", new ZarrV2Metadata
    {
        Shape = shape,
        Chunks = shape.Length == 0 ? [] : [2, 2],
        DataType = DataType.For<ushort>(),
        FillValue = FillValue.Zero(DataType.For<ushort>()),
        DimensionSeparator = separator,
    });
}
