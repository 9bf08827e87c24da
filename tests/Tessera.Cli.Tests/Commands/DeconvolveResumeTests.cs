using System.Text.Json.Nodes;

namespace Tessera.Cli.Tests.Commands;

/// <summary><c>tessera deconvolve</c> stopped mid-job (as by Ctrl+C) and finished with <c>--resume</c>.</summary>
public sealed class DeconvolveResumeTests
{
    private static readonly JsonObject Lz4 = new() { ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 };

    [Fact]
    public async Task CancelledJob_KeepsWholeChunks_AndResumeGivesTheUninterruptedResult()
    {
        using var temp = new TempDirectory();
        await TestArrays.CreateAsync(temp.Combine("data"), [2, 12, 12, 40, 40], [1, 1, 12, 40, 40], "<u2", Lz4);
        await TestArrays.CreateAsync(temp.Combine("psf"), [2, 1, 5, 5, 5], [1, 1, 5, 5, 5], "<f4", seed: 2);
        await MakePositiveAsync(temp.Combine("psf"));
        string[] job = ["deconvolve", temp.Combine("data"), "--psf", temp.Combine("psf"), "--iterations", "6", "--parallel", "1"];

        var whole = await CliRun.RunAsync([.. job, "-o", temp.Combine("whole")]);
        Assert.True(whole.ExitCode == 0, whole.Stderr);

        // Stop as soon as the first chunk file appears. The watcher is a thread of its own, so busy FFT
        // threads in the pool cannot delay it, and it ends with the run whatever happens.
        string output = temp.Combine("stopped");
        using var stop = new CancellationTokenSource();
        var run = CliRun.RunAsync(stop.Token, [.. job, "-o", output]);
        var watcher = new Thread(() =>
        {
            while (!run.IsCompleted && !stop.IsCancellationRequested)
            {
                if (Directory.Exists(output) && Directory.EnumerateFiles(output).Any(f => char.IsDigit(Path.GetFileName(f)[0])))
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
        var chunks = Directory.EnumerateFiles(output).Where(f => char.IsDigit(Path.GetFileName(f)[0])).ToArray();
        Assert.InRange(chunks.Length, 1, 23);
        Assert.DoesNotContain(Directory.EnumerateFiles(output), f => f.Contains("partial", StringComparison.Ordinal));
        foreach (string chunk in chunks)
        {
            // Every chunk written is whole: byte-identical to the uninterrupted run's.
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(temp.Combine("whole"), Path.GetFileName(chunk))), await File.ReadAllBytesAsync(chunk));
        }

        var record = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, ".zattrs")))!["tessera"]!;
        Assert.False((bool)record["complete"]!);

        var resumed = await CliRun.RunAsync([.. job, "-o", output, "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("were complete already", resumed.Stdout);
        Assert.Equal(await TestArrays.ReadAllAsync(temp.Combine("whole")), await TestArrays.ReadAllAsync(output));
        Assert.True((bool)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, ".zattrs")))!["tessera"]!["complete"]!);
    }

    private static async Task MakePositiveAsync(string folder)
    {
        var array = await Zarr.ZarrArray.OpenAsync(folder);
        var values = new float[2 * 125];
        var random = new Random(3);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 0.1f + random.NextSingle();
        }

        await array.WriteRegionAsync([0, 0, 0, 0, 0], [2, 1, 5, 5, 5], System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }
}
