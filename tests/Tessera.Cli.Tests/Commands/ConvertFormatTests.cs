using System.Text.Json.Nodes;
using Tessera.Ngff;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Tests.Commands;

/// <summary><c>tessera convert --format zarr3|ome-zarr</c>, and Zarr v3 input.</summary>
public sealed class ConvertFormatTests
{
    [Fact]
    public async Task Convert_Zarr3_ShardsHoldTheChunksAndReadBackEqual()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [3, 50, 71], [1, 16, 32], "<u2", TestArrays.Zstd(), attributes: new JsonObject { ["note"] = "kept" });
        string output = temp.Combine("out.zarr");

        var result = await CliRun.RunAsync("convert", input, output, "--format", "zarr3", "--codec", "zstd", "--chunks", "1,16,16", "--shards", "1,32,48");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var array = await ZarrArray.OpenAsync(output);
        Assert.Equal(ZarrFormat.V3, array.Format);
        Assert.Equal([1, 16, 16], array.InnerChunkShape);
        Assert.Equal([1, 32, 48], array.ChunkShape.ToArray());
        Assert.Equal(data, await TestArrays.ReadAllAsync(output));
        Assert.Equal("kept", (string?)(await array.ReadAttributesAsync())["note"]);
        Assert.Empty(TestArrays.Leftovers(temp.Path, "partial"));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("blosc-zstd")]
    public async Task Convert_Zarr3ToZarr2_RoundTrips(string codec)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [7, 13], [4, 5], "<f4", seed: 3);

        var v3 = await CliRun.RunAsync("convert", input, temp.Combine("v3.zarr"), "--format", "zarr3", "--codec", codec);
        var v2 = await CliRun.RunAsync("convert", temp.Combine("v3.zarr"), temp.Combine("v2.zarr"));

        Assert.True(v3.ExitCode == 0, v3.Stderr);
        Assert.True(v2.ExitCode == 0, v2.Stderr);
        Assert.Equal(ZarrFormat.V2, (await ZarrArray.OpenAsync(temp.Combine("v2.zarr"))).Format);
        Assert.Equal(data, await TestArrays.ReadAllAsync(temp.Combine("v2.zarr")));
    }

    [Fact]
    public async Task Convert_OmeZarr_WritesAPyramidInNgffOrder()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        long[] shape = [2, 3, 5, 30, 41];
        byte[] data = await TestArrays.CreateAsync(input, shape, [1, 1, 5, 16, 16], "<u2");
        string output = temp.Combine("image.ome.zarr");

        var result = await CliRun.RunAsync("convert", input, output, "--format", "ome-zarr", "--axes", "c,t,z,y,x", "--voxel-size", "2,0.5,0.5", "--levels", "2");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var image = await ReadImageAsync(output);
        Assert.Equal(NgffVersion.V0_4, image.Version);
        var multiscale = image.Multiscales[0];
        Assert.Equal(["t", "c", "z", "y", "x"], multiscale.Axes.Select(a => a.Name));
        Assert.All(multiscale.Axes.Where(a => a.Type == NgffAxisType.Space), a => Assert.Equal("micrometer", a.Unit));
        Assert.Equal([1, 1, 2, 0.5, 0.5], multiscale.Datasets[0].Scale);
        Assert.Equal([1, 1, 2, 1, 1], multiscale.Datasets[1].Scale);
        Assert.Equal([0, 0, 0, 0.25, 0.25], multiscale.Datasets[1].Translation!);

        var level0 = await ZarrArray.OpenAsync(Path.Combine(output, "0"));
        Assert.Equal([3, 2, 5, 30, 41], level0.Shape.ToArray());
        Assert.Equal([1, 1, 5, 30, 41], level0.ChunkShape.ToArray());
        var level1 = await ZarrArray.OpenAsync(Path.Combine(output, "1"));
        Assert.Equal([3, 2, 5, 15, 21], level1.Shape.ToArray());
        Assert.Equal(Transpose(data, shape, [1, 0, 2, 3, 4]), await TestArrays.ReadAllAsync(Path.Combine(output, "0")));
    }

    [Fact]
    public async Task Convert_OmeZarr05_ShardsAndKeepsAnOmeInputsAxes()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [2, 9, 40, 24], [1, 9, 40, 24], "<u2");
        var first = await CliRun.RunAsync("convert", input, temp.Combine("a.ome.zarr"), "--format", "ome-zarr", "--axes", "c,z,y,x", "--voxel-size", "1,0.2,0.2", "--unit", "nanometer", "--levels", "1");
        Assert.True(first.ExitCode == 0, first.Stderr);

        var second = await CliRun.RunAsync(
            "convert", temp.Combine("a.ome.zarr"), temp.Combine("b.ome.zarr"), "--format", "ome-zarr", "--ngff", "0.5", "--codec", "zstd", "--chunks", "1,9,8,8", "--shards", "1,9,16,24", "--levels", "2");

        Assert.True(second.ExitCode == 0, second.Stderr);
        var image = await ReadImageAsync(temp.Combine("b.ome.zarr"));
        Assert.Equal(NgffVersion.V0_5, image.Version);
        Assert.Equal(["c", "z", "y", "x"], image.Multiscales[0].Axes.Select(a => a.Name));
        Assert.Equal("nanometer", image.Multiscales[0].Axes[^1].Unit);
        Assert.Equal([1, 1, 0.2, 0.2], image.Multiscales[0].Datasets[0].Scale);
        var level0 = await ZarrArray.OpenAsync(temp.Combine("b.ome.zarr", "0"));
        Assert.Equal(ZarrFormat.V3, level0.Format);
        Assert.Equal([1, 9, 8, 8], level0.InnerChunkShape);
        Assert.Equal(["c", "z", "y", "x"], level0.DimensionNames!);
        Assert.Equal(data, await TestArrays.ReadAllAsync(temp.Combine("b.ome.zarr", "0")));

        // zarr2 from an OME-Zarr image converts its level 0.
        var plain = await CliRun.RunAsync("convert", temp.Combine("b.ome.zarr"), temp.Combine("c.zarr"));
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.Equal(data, await TestArrays.ReadAllAsync(temp.Combine("c.zarr")));
    }

    [Fact]
    public async Task OmeInput_WhoseAxesDifferFromTheArraysRank_IsRefusedNamingFileAndField()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [2, 4, 8, 8], [1, 4, 8, 8], "<u2", seed: 1);
        string image = temp.Combine("image.ome.zarr");
        var made = await CliRun.RunAsync("convert", input, image, "--format", "ome-zarr", "--axes", "c,z,y,x", "--voxel-size", "1,0.5,0.5", "--levels", "1");
        Assert.True(made.ExitCode == 0, made.Stderr);

        // The metadata now names three axes (z, y, x) for a four-dimensional level 0.
        string attributesFile = Path.Combine(image, ZarrNode.AttributesKey);
        var attributes = JsonNode.Parse(File.ReadAllText(attributesFile))!.AsObject();
        var multiscale = attributes["multiscales"]![0]!.AsObject();
        multiscale["axes"]!.AsArray().RemoveAt(0);
        multiscale["datasets"]![0]!["coordinateTransformations"]![0]!["scale"]!.AsArray().RemoveAt(0);
        File.WriteAllText(attributesFile, attributes.ToJsonString());

        var result = await CliRun.RunAsync("convert", image, temp.Combine("out.zarr"), "--format", "zarr3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(attributesFile, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("multiscales[0].axes", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("4 dimensions", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")));

        // Broken on purpose: removed so that the rules check of the temporary folder does not report it.
        Directory.Delete(image, recursive: true);
    }

    [Fact]
    public async Task Convert_OmeZarr_DefaultLevelsEndAtMost512Wide()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [1100, 6], [512, 6], "|u1");

        var result = await CliRun.RunAsync("convert", input, temp.Combine("out.zarr"), "--format", "ome-zarr", "--axes", "y,x", "--voxel-size", "1,1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var image = await ReadImageAsync(temp.Combine("out.zarr"));
        Assert.Equal(3, image.Multiscales[0].Datasets.Count);
        var last = await ZarrArray.OpenAsync(temp.Combine("out.zarr", "2"));
        Assert.Equal([275, 2], last.Shape.ToArray());
    }

    [Theory]
    [InlineData("carries no axis metadata; add --axes", "--format", "ome-zarr")]
    [InlineData("carries no voxel size; add --voxel-size Z,Y,X", "--format", "ome-zarr", "--axes", "t,z,y,x")]
    [InlineData("names 3 axes but INPUT", "--format", "ome-zarr", "--axes", "z,y,x", "--voxel-size", "1,1,1")]
    [InlineData("is not a multiple of the chunks 1,8,8,8 along axis 2 (12 is not a multiple of 8)", "--format", "zarr3", "--chunks", "1,8,8,8", "--shards", "1,8,12,8")]
    [InlineData("--codec lz4 has no Zarr v3 codec", "--format", "zarr3", "--codec", "lz4")]
    [InlineData("--codec zlib has no Zarr v3 codec", "--format", "ome-zarr", "--ngff", "0.5", "--codec", "zlib", "--axes", "t,z,y,x", "--voxel-size", "1,1,1")]
    [InlineData("--shards needs Zarr v3", "--shards", "1,8,8,8")]
    [InlineData("add --ngff 0.5", "--format", "ome-zarr", "--axes", "t,z,y,x", "--voxel-size", "1,1,1", "--shards", "1,8,8,8")]
    [InlineData("--levels applies only to OME-Zarr output", "--format", "zarr3", "--levels", "2")]
    public async Task Convert_RefusesOptionsThatDoNotFit(string expected, params string[] options)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [2, 8, 16, 16], [1, 8, 8, 8]);

        var result = await CliRun.RunAsync(["convert", input, temp.Combine("out.zarr"), .. options]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")));
        Assert.Empty(TestArrays.Leftovers(temp.Path, "partial"));
    }

    internal static async Task<NgffImage> ReadImageAsync(string folder)
    {
        var group = await ZarrGroup.OpenAsync(new FileSystemStore(folder), "");
        return NgffImage.FromAttributes(await group.ReadAttributesAsync(), folder)!;
    }

    /// <summary>NumPy's <c>transpose</c> of C-order elements of 2 bytes, written independently of Tessera's.</summary>
    private static byte[] Transpose(byte[] data, long[] shape, int[] permutation)
    {
        long[] outShape = [.. permutation.Select(p => shape[p])];
        var result = new byte[data.Length];
        var index = new long[shape.Length];
        long count = ShapeMath.Product(shape);
        for (long o = 0; o < count; o++)
        {
            long rest = o;
            for (int d = outShape.Length - 1; d >= 0; d--)
            {
                index[permutation[d]] = rest % outShape[d];
                rest /= outShape[d];
            }

            long i = 0;
            for (int d = 0; d < shape.Length; d++)
            {
                i = (i * shape[d]) + index[d];
            }

            result[2 * o] = data[2 * i];
            result[(2 * o) + 1] = data[(2 * i) + 1];
        }

        return result;
    }
}
