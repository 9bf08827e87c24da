using System.Runtime.InteropServices;
using Tessera.Ngff;
using Tessera.Zarr;

namespace Tessera.Cli.Tests.Commands;

/// <summary><c>tessera deconvolve</c> with Zarr v3 and OME-Zarr input and output.</summary>
public sealed class DeconvolveFormatTests
{
    [Fact]
    public async Task Deconvolve_OmeZarrIn_WritesOmeZarrWithTheSameAxesUnitsAndScale()
    {
        using var temp = new TempDirectory();
        await TestArrays.CreateAsync(temp.Combine("data"), [2, 6, 20, 20], [1, 6, 20, 20], "<u2");
        await CreatePsfAsync(temp.Combine("psf"));
        var convert = await CliRun.RunAsync("convert", temp.Combine("data"), temp.Combine("in.ome.zarr"), "--format", "ome-zarr", "--axes", "c,z,y,x", "--voxel-size", "2,0.5,0.5", "--levels", "2");
        Assert.True(convert.ExitCode == 0, convert.Stderr);
        string[] job = ["deconvolve", "--psf", temp.Combine("psf"), "--iterations", "3", "--parallel", "1"];

        var plain = await CliRun.RunAsync([.. job, temp.Combine("data"), "-o", temp.Combine("plain")]);
        var ome = await CliRun.RunAsync([.. job, temp.Combine("in.ome.zarr"), "-o", temp.Combine("out.ome.zarr")]);

        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.True(ome.ExitCode == 0, ome.Stderr);
        var input = await ConvertFormatTests.ReadImageAsync(temp.Combine("in.ome.zarr"));
        var output = await ConvertFormatTests.ReadImageAsync(temp.Combine("out.ome.zarr"));
        Assert.Equal(input.Version, output.Version);
        Assert.Equal(input.Multiscales[0].Axes, output.Multiscales[0].Axes);
        Assert.Equal(2, output.Multiscales[0].Datasets.Count);
        Assert.Equal(input.Multiscales[0].Datasets[0].Scale, output.Multiscales[0].Datasets[0].Scale);
        Assert.Equal(input.Multiscales[0].Datasets[1].Scale, output.Multiscales[0].Datasets[1].Scale);
        Assert.Equal(await TestArrays.ReadAllAsync(temp.Combine("plain")), await TestArrays.ReadAllAsync(temp.Combine("out.ome.zarr", "0")));
    }

    [Fact]
    public async Task Deconvolve_ShardedZarr3InAndOut_MatchesTheZarr2Result()
    {
        using var temp = new TempDirectory();
        await TestArrays.CreateAsync(temp.Combine("data"), [2, 6, 20, 20], [1, 6, 20, 20], "<u2");
        await CreatePsfAsync(temp.Combine("psf"));
        var convert = await CliRun.RunAsync("convert", temp.Combine("data"), temp.Combine("v3"), "--format", "zarr3", "--chunks", "1,6,10,20", "--shards", "1,6,20,20");
        Assert.True(convert.ExitCode == 0, convert.Stderr);
        string[] job = ["deconvolve", "--psf", temp.Combine("psf"), "--iterations", "3", "--parallel", "1"];

        var plain = await CliRun.RunAsync([.. job, temp.Combine("data"), "-o", temp.Combine("plain")]);
        var sharded = await CliRun.RunAsync([.. job, temp.Combine("v3"), "-o", temp.Combine("out"), "--format", "zarr3", "--shards", "2,6,20,20"]);

        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.True(sharded.ExitCode == 0, sharded.Stderr);
        var array = await ZarrArray.OpenAsync(temp.Combine("out"));
        Assert.Equal(ZarrFormat.V3, array.Format);
        Assert.Equal([1, 6, 20, 20], array.InnerChunkShape);
        Assert.Equal([2, 6, 20, 20], array.ChunkShape.ToArray());
        Assert.Equal(await TestArrays.ReadAllAsync(temp.Combine("plain")), await TestArrays.ReadAllAsync(temp.Combine("out")));
    }

    [Fact]
    public async Task Deconvolve_PlainInToOmeZarr_NeedsAxes()
    {
        using var temp = new TempDirectory();
        await TestArrays.CreateAsync(temp.Combine("data"), [2, 6, 20, 20], [1, 6, 20, 20], "<u2");
        await CreatePsfAsync(temp.Combine("psf"));
        string[] job = ["deconvolve", temp.Combine("data"), "--psf", temp.Combine("psf"), "--iterations", "2", "-o", temp.Combine("out"), "--format", "ome-zarr"];

        var refused = await CliRun.RunAsync(job);
        var written = await CliRun.RunAsync([.. job, "--axes", "t,z,y,x", "--voxel-size", "1,0.3,0.3", "--ngff", "0.5"]);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("add --axes", refused.Stderr);
        Assert.True(written.ExitCode == 0, written.Stderr);
        var image = await ConvertFormatTests.ReadImageAsync(temp.Combine("out"));
        Assert.Equal(NgffVersion.V0_5, image.Version);
        Assert.Equal([1, 1, 0.3, 0.3], image.Multiscales[0].Datasets[0].Scale);
    }

    [Fact]
    public async Task Deconvolve_ResumesAnOmeZarrOutput()
    {
        using var temp = new TempDirectory();
        await TestArrays.CreateAsync(temp.Combine("data"), [6, 8, 24, 24], [1, 8, 24, 24], "<u2");
        await CreatePsfAsync(temp.Combine("psf"));
        string[] job = ["deconvolve", temp.Combine("data"), "--psf", temp.Combine("psf"), "--iterations", "4", "--parallel", "1", "--format", "ome-zarr", "--axes", "c,z,y,x", "--voxel-size", "1,1,1", "--levels", "2"];
        var whole = await CliRun.RunAsync([.. job, "-o", temp.Combine("whole")]);
        Assert.True(whole.ExitCode == 0, whole.Stderr);

        // Stop once level 0 holds a chunk, as Ctrl+C would.
        string output = temp.Combine("stopped");
        string level0 = Path.Combine(output, "0");
        using var stop = new CancellationTokenSource();
        var run = CliRun.RunAsync(stop.Token, [.. job, "-o", output]);
        var watcher = new Thread(() =>
        {
            while (!run.IsCompleted && !stop.IsCancellationRequested)
            {
                if (Directory.Exists(level0) && Directory.EnumerateFiles(level0).Any(f => char.IsDigit(Path.GetFileName(f)[0])))
                {
                    stop.Cancel();
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        watcher.Start();
        var cancelled = await run;
        watcher.Join();
        Assert.Equal(130, cancelled.ExitCode);
        Assert.Contains("--resume", cancelled.Stderr);

        var resumed = await CliRun.RunAsync([.. job, "-o", output, "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(await TestArrays.ReadAllAsync(Path.Combine(temp.Combine("whole"), "0")), await TestArrays.ReadAllAsync(level0));
        Assert.Equal(await TestArrays.ReadAllAsync(Path.Combine(temp.Combine("whole"), "1")), await TestArrays.ReadAllAsync(Path.Combine(output, "1")));
        Assert.Equal(2, (await ConvertFormatTests.ReadImageAsync(output)).Multiscales[0].Datasets.Count);
    }

    internal static async Task CreatePsfAsync(string folder)
    {
        await TestArrays.CreateAsync(folder, [3, 5, 5], [3, 5, 5], "<f4");
        var values = new float[75];
        var random = new Random(5);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 0.1f + random.NextSingle();
        }

        var array = await ZarrArray.OpenAsync(folder);
        await array.WriteRegionAsync([0, 0, 0], [3, 5, 5], MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }
}
