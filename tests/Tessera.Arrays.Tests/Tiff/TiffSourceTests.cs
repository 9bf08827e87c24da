using System.Text.Json.Nodes;
using Tessera.Arrays.Graph;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Plans;
using Tessera.Arrays.Scheduling;
using Tessera.Buffers;
using Tessera.Tiff;
using Tessera.Tiff.Metadata;

namespace Tessera.Arrays.Tests.Tiff;

public sealed class TiffSourceTests(TiffInputFixture inputs) : IClassFixture<TiffInputFixture>
{
    [Theory]
    [InlineData("stack", "stack.tif", "uint16")]
    [InlineData("hyper", "hyper.tif", "float32")]
    [InlineData("two", "two.ome.tif", "int16")]
    public async Task OpenTiff_MatchesTifffileTransposedToCtzyx(string name, string file, string dtype)
    {
        var array = LazyArray.OpenTiff(inputs.Combine(file));

        var info = inputs.Info[name];
        Assert.Equal(info.Shape.Select(s => (long)s), array.Shape.ToArray());
        Assert.Equal(dtype, array.DataType.Name);
        Assert.Equal([1, 1, info.Shape[2], info.Shape[3], info.Shape[4]], array.Chunks.ChunkShape.ToArray());
        Assert.Equal("tiff", array.NodeKind);
        Assert.Equal(inputs.Expected(name), await TiffInputFixture.ComputeBytesAsync(array));
    }

    [Fact]
    public void OpenTiff_ReturnsVoxelSizeAndChannelNames()
    {
        LazyArray.OpenTiff(inputs.Combine("hyper.tif"), out var hyper);
        Assert.Equal(TiffMetadataKind.ImageJ, hyper.Kind);
        Assert.Equal(0.5, hyper.VoxelSize.Z, 9);
        Assert.Equal(0.25, hyper.VoxelSize.Y, 6);
        Assert.Equal(0.25, hyper.VoxelSize.X, 6);
        Assert.Equal("micrometer", hyper.VoxelSize.Unit);
        Assert.Equal([inputs.Combine("hyper.tif")], hyper.Files);

        LazyArray.OpenTiff(inputs.Combine("two.ome.tif"), out var ome);
        Assert.Equal(TiffMetadataKind.Ome, ome.Kind);
        Assert.Equal(new TiffVoxelSize(1.5, 0.2, 0.2, "micrometer"), ome.VoxelSize);
        Assert.Equal(["DAPI", "GFP"], ome.ChannelNames);
        Assert.Equal(["c", "t", "z", "y", "x"], TiffArrayMetadata.Axes);
    }

    [Fact]
    public async Task OpenTiff_PartialRegionsMatchTifffile()
    {
        // A window in every axis: z 2..4, y 3..19, x 5..27 of both channels.
        var array = LazyArray.OpenTiff(inputs.Combine("two.ome.tif"));
        var region = array.Slice(.., .., 2..5, 3..20, 5..28);
        byte[] actual = await TiffInputFixture.ComputeBytesAsync(region);

        int[] full = [2, 1, 6, 23, 29];
        int[] shape = [2, 1, 3, 17, 23];
        var expected = new byte[actual.Length];
        ByteRegionCopy.CopyRegion(inputs.Expected("two"), full, [0, 0, 2, 3, 5], expected, shape, new long[5], shape, 2);
        Assert.Equal(expected, actual);

        // A single plane of one channel, whole.
        var plane = array.Select(AxisSelection.At(1), AxisSelection.At(0), AxisSelection.At(4));
        byte[] one = await TiffInputFixture.ComputeBytesAsync(plane);
        Assert.Equal(inputs.Expected("two").AsSpan(((6 + 4) * 23 * 29) * 2, 23 * 29 * 2).ToArray(), one);
    }

    [Fact]
    public async Task OpenTiff_DecodesOnlyThePagesARegionCovers()
    {
        // Page 5's compressed data is garbage: regions that avoid it read, and one that covers it fails on it.
        var array = LazyArray.OpenTiff(inputs.Combine("broken.tif"));
        byte[] expected = inputs.Expected("broken");
        int plane = 16 * 20 * 2;

        Assert.Equal(expected.AsSpan(0, 5 * plane).ToArray(), await TiffInputFixture.ComputeBytesAsync(array.Slice(.., .., 0..5)));
        Assert.Equal(Crop(expected.AsSpan(6 * plane, 2 * plane), 2, 16, 20, 2), await TiffInputFixture.ComputeBytesAsync(array.Slice(.., .., 6..8, 2..16)));

        var failure = await Assert.ThrowsAsync<BlockFailedException>(() => TiffInputFixture.ComputeBytesAsync(array.Slice(.., .., 4..7)));
        Assert.IsType<TiffFormatException>(failure.InnerException);
        Assert.Contains("broken.tif", failure.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenTiff_TokensFollowThePathAndPlansRoundTrip()
    {
        string path = inputs.Combine("hyper.tif");
        var a = LazyArray.OpenTiff(path);
        var b = LazyArray.OpenTiff(Path.Combine(Path.GetDirectoryName(path)!, ".", "hyper.tif"));
        Assert.Equal(a.Token, b.Token);
        Assert.NotEqual(a.Token, LazyArray.OpenTiff(inputs.Combine("stack.tif")).Token);

        var graph = a.Slice(1..2, .., 1..4).AsType<ushort>();
        var plan = LazyPlan.ToJson(graph);
        var node = plan["nodes"]![0]!.AsObject();
        Assert.Equal("tiff", (string?)node["node"]);
        Assert.Equal(path, (string?)node["path"]);
        Assert.Equal("<f4", (string?)node["stored"]!["dtype"]);
        Assert.Equal("[2,3,5,17,19]", node["stored"]!["shape"]!.ToJsonString());

        var rebuilt = await LazyPlan.FromJsonAsync(JsonNode.Parse(plan.ToJsonString())!.AsObject(), new OperationRegistry());
        Assert.Equal(graph.Token, rebuilt.Token);
        Assert.Equal(await TiffInputFixture.ComputeBytesAsync(graph), await TiffInputFixture.ComputeBytesAsync(rebuilt));
    }

    private static byte[] Crop(ReadOnlySpan<byte> planes, int z, int y, int x, int y0)
    {
        var result = new byte[z * (y - y0) * x * 2];
        ByteRegionCopy.CopyRegion(planes, [z, y, x], [0, y0, 0], result, [z, y - y0, x], new long[3], [z, y - y0, x], 2);
        return result;
    }
}
