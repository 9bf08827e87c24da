using System.Text.Json.Nodes;
using Tessera.Ngff;
using Tessera.Zarr;

namespace Tessera.Cli.Tests.Commands;

/// <summary><c>tessera info</c>, <c>convert</c> and <c>deconvolve</c> with TIFF files written and read by tifffile.</summary>
public sealed class TiffCommandTests
{
    /// <summary>Writes seeded uint16 data of <c>shape</c> with tifffile; kind is plain, imagej or ome; prints nothing.</summary>
    private const string WriteTiff = """
        import sys, json, numpy as np, tifffile
        path, kind, shape, seed = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
        data = np.random.default_rng(seed).integers(0, 4000, size=shape, dtype=np.uint16)
        if kind == 'plain':
            tifffile.imwrite(path, data)
        elif kind == 'imagej':
            tifffile.imwrite(path, data, imagej=True, resolution=(1 / 0.25, 1 / 0.25), metadata={'axes': 'TZCYX', 'spacing': 1.5, 'unit': 'um'})
        else:
            tifffile.imwrite(path, data, ome=True, compression='zlib', metadata={'axes': 'CZYX', 'PhysicalSizeX': 0.5, 'PhysicalSizeY': 0.5, 'PhysicalSizeZ': 2.0, 'Channel': {'Name': ['dapi', 'gfp']}})
        """;

    private static void Write(string path, string kind, long[] shape, int seed = 1) =>
        ReferencePython.Run(WriteTiff, path, kind, "[" + string.Join(",", shape) + "]", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The file's data as C-order uint16 bytes, read by tifffile.</summary>
    private static byte[] ReadTiff(string path) =>
        Convert.FromBase64String(ReferencePython.Run("import sys, base64, tifffile, numpy as np; sys.stdout.write(base64.b64encode(np.ascontiguousarray(tifffile.imread(sys.argv[1])).astype('<u2').tobytes()).decode())", path));

    [Fact]
    public async Task Info_PlainImageJAndOme_ReportStorageAxesAndVoxelSize()
    {
        using var temp = new TempDirectory();
        Write(temp.Combine("plain.tif"), "plain", [5, 16, 24]);
        Write(temp.Combine("hyper.tif"), "imagej", [3, 4, 2, 16, 24]);
        Write(temp.Combine("image.ome.tif"), "ome", [2, 4, 16, 24]);

        var plain = await CliRun.RunAsync("info", temp.Combine("plain.tif"), "--json");
        var hyper = await CliRun.RunAsync("info", temp.Combine("hyper.tif"), "--json");
        var ome = await CliRun.RunAsync("info", temp.Combine("image.ome.tif"), "--json");
        var table = await CliRun.RunAsync("info", temp.Combine("image.ome.tif"));

        Assert.True(plain.ExitCode == 0, plain.Stderr);
        var p = JsonNode.Parse(plain.Stdout)!;
        Assert.Equal(5, (int)p["pages"]!);
        Assert.Equal("[16,24]", p["page_shape"]!.ToJsonString());
        Assert.Equal("<u2", (string?)p["dtype"]);
        Assert.Equal("none", (string?)p["compression"]);
        Assert.False((bool)p["tiled"]!);
        Assert.False((bool)p["bigtiff"]!);
        Assert.Equal("little", (string?)p["byte_order"]);
        Assert.Equal("plain", (string?)p["metadata"]);
        Assert.Equal("[1,1,5,16,24]", p["shape"]!.ToJsonString());
        Assert.Null(p["voxel_size"]);

        var h = JsonNode.Parse(hyper.Stdout)!;
        Assert.Equal("ImageJ", (string?)h["metadata"]);
        Assert.Equal("[2,3,4,16,24]", h["shape"]!.ToJsonString());
        Assert.Equal(1.5, (double)h["voxel_size"]!["z"]!);
        Assert.Equal(0.25, (double)h["voxel_size"]!["x"]!, 6);
        Assert.Equal("micrometer", (string?)h["voxel_size"]!["unit"]);

        var o = JsonNode.Parse(ome.Stdout)!;
        Assert.Equal("OME", (string?)o["metadata"]);
        Assert.Equal("[2,1,4,16,24]", o["shape"]!.ToJsonString());
        Assert.Equal("[\"dapi\",\"gfp\"]", o["channels"]!.ToJsonString());
        Assert.Equal(2.0, (double)o["voxel_size"]!["z"]!);
        Assert.Equal("[\"image.ome.tif\"]", o["files"]!.ToJsonString());
        Assert.NotEqual("none", (string?)o["compression"]);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("OME", table.Stdout);
        Assert.Contains("dapi, gfp", table.Stdout);
        Assert.Contains("c 2, t 1, z 4, y 16, x 24", table.Stdout);
    }

    [Fact]
    public async Task Convert_OmeTiffToOmeZarr_TakesAxesAndScaleFromTheFile()
    {
        using var temp = new TempDirectory();
        Write(temp.Combine("image.ome.tif"), "ome", [2, 4, 16, 24]);

        var result = await CliRun.RunAsync("convert", temp.Combine("image.ome.tif"), temp.Combine("image.ome.zarr"), "--format", "ome-zarr", "--levels", "1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var image = await ConvertFormatTests.ReadImageAsync(temp.Combine("image.ome.zarr"));
        var multiscale = image.Multiscales[0];
        Assert.Equal(["t", "c", "z", "y", "x"], multiscale.Axes.Select(a => a.Name));
        Assert.Equal([1, 1, 2, 0.5, 0.5], multiscale.Datasets[0].Scale);
        Assert.Equal(["dapi", "gfp"], image.ChannelLabels);
        var level0 = await ZarrArray.OpenAsync(temp.Combine("image.ome.zarr", "0"));
        Assert.Equal([1, 2, 4, 16, 24], level0.Shape.ToArray());
        // With t of size 1, (t, c, z, y, x) holds the bytes of tifffile's (c, z, y, x) in the same order.
        Assert.Equal(ReadTiff(temp.Combine("image.ome.tif")), await TestArrays.ReadAllAsync(temp.Combine("image.ome.zarr", "0")));
    }

    [Fact]
    public async Task Convert_PlainTiffToOmeZarr_NeedsVoxelSize()
    {
        using var temp = new TempDirectory();
        // tifffile takes (3 or 4, y, x) for planar RGB; 5 planes stay a z-stack.
        Write(temp.Combine("plain.tif"), "plain", [5, 8, 8]);

        var refused = await CliRun.RunAsync("convert", temp.Combine("plain.tif"), temp.Combine("a.ome.zarr"), "--format", "ome-zarr");
        var written = await CliRun.RunAsync("convert", temp.Combine("plain.tif"), temp.Combine("b.ome.zarr"), "--format", "ome-zarr", "--voxel-size", "2,0.5,0.5");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("add --voxel-size Z,Y,X", refused.Stderr);
        Assert.True(written.ExitCode == 0, written.Stderr);
    }

    [Fact]
    public async Task Convert_TimeSeriesPattern_WritesEqualZarr2AndNamesAMissingFile()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("raw"));
        var expected = new List<byte>();
        for (int t = 0; t < 3; t++)
        {
            Write(temp.Combine("raw", $"t{t:000}.tif"), "plain", [5, 9, 11], seed: t);
            expected.AddRange(ReadTiff(temp.Combine("raw", $"t{t:000}.tif")));
        }

        var result = await CliRun.RunAsync("convert", temp.Combine("raw", "t{t:03}.tif"), temp.Combine("series.zarr"));
        File.Delete(temp.Combine("raw", "t001.tif"));
        var missing = await CliRun.RunAsync("convert", temp.Combine("raw", "t{t:03}.tif"), temp.Combine("missing.zarr"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var array = await ZarrArray.OpenAsync(temp.Combine("series.zarr"));
        Assert.Equal([1, 3, 5, 9, 11], array.Shape.ToArray());
        Assert.Equal(expected.ToArray(), await TestArrays.ReadAllAsync(temp.Combine("series.zarr")));
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("tessera: error: ", missing.Stderr);
        Assert.Contains("t001.tif", missing.Stderr);
    }

    [Fact]
    public async Task Convert_OmeZarrToOmeTiff_ReadsBackWithTifffile()
    {
        using var temp = new TempDirectory();
        byte[] data = await TestArrays.CreateAsync(temp.Combine("data"), [2, 1, 3, 10, 13], [1, 1, 3, 10, 13], "<u2");
        await TestArrays.CreateAsync(temp.Combine("data4"), [2, 3, 10, 13], [1, 3, 10, 13], "<u2");
        var ome = await CliRun.RunAsync("convert", temp.Combine("data"), temp.Combine("in.ome.zarr"), "--format", "ome-zarr", "--axes", "c,t,z,y,x", "--voxel-size", "2,0.5,0.25", "--levels", "1");
        Assert.True(ome.ExitCode == 0, ome.Stderr);
        var plain = await CliRun.RunAsync("convert", temp.Combine("data4"), temp.Combine("plain.ome.tif"), "--axes", "c,z,y,x");

        var result = await CliRun.RunAsync("convert", temp.Combine("in.ome.zarr"), temp.Combine("out.ome.tif"), "--codec", "deflate");

        // A 4-D image has no place in (c, t, z, y, x) without adding an axis.
        Assert.Equal(2, plain.ExitCode);
        Assert.Contains("TIFF output holds", plain.Stderr);
        Assert.True(result.ExitCode == 0, result.Stderr);
        string described = ReferencePython.Run("""
            import sys, tifffile
            with tifffile.TiffFile(sys.argv[1]) as f:
                s = f.series[0]
                print(s.axes, s.shape, f.pages[0].compression.name)
                print(f.ome_metadata)
            """, temp.Combine("out.ome.tif"));
        Assert.Contains("CZYX (2, 3, 10, 13)", described);
        Assert.Contains("ADOBE_DEFLATE", described);
        Assert.Contains("PhysicalSizeX=\"0.25\"", described);
        Assert.Contains("PhysicalSizeZ=\"2\"", described);
        Assert.Equal(data, ReadTiff(temp.Combine("out.ome.tif")));
    }

    [Fact]
    public async Task Convert_Zarr3DToPlainTiff_RoundTripsThroughTiffInput()
    {
        using var temp = new TempDirectory();
        byte[] data = await TestArrays.CreateAsync(temp.Combine("data"), [7, 5, 3], [7, 5, 3], "<u2", seed: 4);

        var tiff = await CliRun.RunAsync("convert", temp.Combine("data"), temp.Combine("out.tif"), "--format", "tiff");
        var back = await CliRun.RunAsync("convert", temp.Combine("out.tif"), temp.Combine("back.zarr"), "--format", "zarr3", "--codec", "none");
        var again = await CliRun.RunAsync("convert", temp.Combine("data"), temp.Combine("out.tif"), "--format", "tiff");

        Assert.True(tiff.ExitCode == 0, tiff.Stderr);
        Assert.True(back.ExitCode == 0, back.Stderr);
        Assert.Equal(data, ReadTiff(temp.Combine("out.tif")));
        Assert.Equal(data, await TestArrays.ReadAllAsync(temp.Combine("back.zarr")));
        Assert.Equal(["c", "t", "z", "y", "x"], (await ZarrArray.OpenAsync(temp.Combine("back.zarr"))).DimensionNames!);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--overwrite", again.Stderr);
    }

    [Fact]
    public async Task Deconvolve_TiffInputAndPsf_MatchesTheZarrJob()
    {
        using var temp = new TempDirectory();
        Write(temp.Combine("data.tif"), "plain", [6, 20, 20], seed: 2);
        await DeconvolveFormatTests.CreatePsfAsync(temp.Combine("psf"));
        var psfTiff = await CliRun.RunAsync("convert", temp.Combine("psf"), temp.Combine("psf.tif"), "--format", "tiff");
        var zarrIn = await CliRun.RunAsync("convert", temp.Combine("data.tif"), temp.Combine("data.zarr"), "--codec", "zstd");
        Assert.True(psfTiff.ExitCode == 0, psfTiff.Stderr);
        Assert.True(zarrIn.ExitCode == 0, zarrIn.Stderr);
        string[] job = ["deconvolve", "--iterations", "3", "--parallel", "1"];

        var fromZarr = await CliRun.RunAsync([.. job, temp.Combine("data.zarr"), "--psf", temp.Combine("psf"), "-o", temp.Combine("zarr.out")]);
        var fromTiff = await CliRun.RunAsync([.. job, temp.Combine("data.tif"), "--psf", temp.Combine("psf.tif"), "-o", temp.Combine("tiff.out")]);
        var omeOut = await CliRun.RunAsync([.. job, temp.Combine("data.tif"), "--psf", temp.Combine("psf.tif"), "-o", temp.Combine("out.ome.zarr"), "--format", "ome-zarr", "--voxel-size", "1,0.3,0.3", "--levels", "1"]);

        Assert.True(fromZarr.ExitCode == 0, fromZarr.Stderr);
        Assert.True(fromTiff.ExitCode == 0, fromTiff.Stderr);
        Assert.True(omeOut.ExitCode == 0, omeOut.Stderr);
        Assert.Equal(await TestArrays.ReadAllAsync(temp.Combine("zarr.out")), await TestArrays.ReadAllAsync(temp.Combine("tiff.out")));
        var image = await ConvertFormatTests.ReadImageAsync(temp.Combine("out.ome.zarr"));
        Assert.Equal([1, 1, 1, 0.3, 0.3], image.Multiscales[0].Datasets[0].Scale);
        Assert.Equal(NgffVersion.V0_4, image.Version);
    }

    [Fact]
    public async Task Convert_MultiFileOmeSetToOmeZarr_ReadsEveryFileOfTheSet()
    {
        using var temp = new TempDirectory();
        ReferencePython.Run(TiffScripts.MultiFileOmeSet, temp.Path);

        var info = await CliRun.RunAsync("info", temp.Combine("set_c1.ome.tif"), "--json");
        var convert = await CliRun.RunAsync("convert", temp.Combine("set_c0.ome.tif"), temp.Combine("set.ome.zarr"), "--format", "ome-zarr", "--levels", "1");

        Assert.True(info.ExitCode == 0, info.Stderr);
        var i = JsonNode.Parse(info.Stdout)!;
        Assert.Equal("[\"set_c0.ome.tif\",\"set_c1.ome.tif\"]", i["files"]!.ToJsonString());
        Assert.Equal("[2,1,3,13,11]", i["shape"]!.ToJsonString());
        Assert.True(convert.ExitCode == 0, convert.Stderr);
        var image = await ConvertFormatTests.ReadImageAsync(temp.Combine("set.ome.zarr"));
        Assert.Equal(["ch0", "ch1"], image.ChannelLabels);
        Assert.Equal([1, 1, 200, 65, 65], image.Multiscales[0].Datasets[0].Scale);
        Assert.Equal("nanometer", image.Multiscales[0].Axes[4].Unit);
        var level0 = await ZarrArray.OpenAsync(temp.Combine("set.ome.zarr", "0"));
        Assert.Equal([1L, 2, 3, 13, 11], level0.Shape.ToArray());

        // (t, c, z, y, x) with t of size 1 holds the bytes of the set's (c, z, y, x), channel 1 from the second file.
        Assert.Equal(File.ReadAllBytes(temp.Combine("set.bin")), await TestArrays.ReadAllAsync(temp.Combine("set.ome.zarr", "0")));
    }

    [Fact]
    public async Task Deconvolve_TwoChannelTiffWithAPsfPerChannel_MatchesTheZarrJob()
    {
        using var temp = new TempDirectory();
        Write(temp.Combine("data.ome.tif"), "ome", [2, 4, 16, 24], seed: 3);
        var psf = new float[2 * 3 * 5 * 5];
        var random = new Random(7);
        for (int k = 0; k < psf.Length; k++)
        {
            // Channel 1's PSF is wider than channel 0's, so swapping or sharing them changes the result.
            psf[k] = k < psf.Length / 2 ? 0.05f + random.NextSingle() : 0.5f + random.NextSingle();
        }

        byte[] psfBytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(psf.AsSpan()).ToArray();
        File.WriteAllBytes(temp.Combine("psf.bin"), psfBytes);
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            a = np.fromfile(sys.argv[1], '<f4').reshape(2, 3, 5, 5)
            tifffile.imwrite(sys.argv[2], a, ome=True, metadata={'axes': 'CZYX'})
            """, temp.Combine("psf.bin"), temp.Combine("psf.ome.tif"));
        await TestArrays.CreateAsync(temp.Combine("psf.zarr"), [2, 1, 3, 5, 5], [1, 1, 3, 5, 5], "<f4");
        await (await ZarrArray.OpenAsync(temp.Combine("psf.zarr"))).WriteRegionAsync(new long[5], [2, 1, 3, 5, 5], psfBytes);
        var zarrIn = await CliRun.RunAsync("convert", temp.Combine("data.ome.tif"), temp.Combine("data.zarr"));
        Assert.True(zarrIn.ExitCode == 0, zarrIn.Stderr);
        string[] job = ["deconvolve", "--iterations", "3", "--parallel", "1"];

        var fromZarr = await CliRun.RunAsync([.. job, temp.Combine("data.zarr"), "--psf", temp.Combine("psf.zarr"), "-o", temp.Combine("zarr.out")]);
        var fromTiff = await CliRun.RunAsync([.. job, temp.Combine("data.ome.tif"), "--psf", temp.Combine("psf.ome.tif"), "-o", temp.Combine("tiff.out")]);

        Assert.True(fromZarr.ExitCode == 0, fromZarr.Stderr);
        Assert.True(fromTiff.ExitCode == 0, fromTiff.Stderr);
        byte[] expected = await TestArrays.ReadAllAsync(temp.Combine("zarr.out"));
        Assert.Equal(expected, await TestArrays.ReadAllAsync(temp.Combine("tiff.out")));

        // Each channel had its own PSF: with channel 0's PSF for both, channel 0 comes out the same and channel 1 does not.
        await TestArrays.CreateAsync(temp.Combine("psf0.zarr"), [3, 5, 5], [3, 5, 5], "<f4");
        await (await ZarrArray.OpenAsync(temp.Combine("psf0.zarr"))).WriteRegionAsync(new long[3], [3, 5, 5], psfBytes[..(psfBytes.Length / 2)]);
        var shared = await CliRun.RunAsync([.. job, temp.Combine("data.zarr"), "--psf", temp.Combine("psf0.zarr"), "-o", temp.Combine("shared.out")]);
        Assert.True(shared.ExitCode == 0, shared.Stderr);
        byte[] sharedOut = await TestArrays.ReadAllAsync(temp.Combine("shared.out"));
        int half = expected.Length / 2;
        Assert.Equal(expected[..half], sharedOut[..half]);
        Assert.NotEqual(expected[half..], sharedOut[half..]);
    }
}
