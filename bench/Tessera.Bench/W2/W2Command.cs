using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tessera.Bench.Commands;

namespace Tessera.Bench.W2;

/// <summary>
/// <c>w2</c>: benchmark W2, the whole pipeline on a data set of 8 volumes, as a user runs it:
/// uint16 (2,4,64,256,256) in Zarr v2 (chunks (1,1,64,256,256), Blosc-LZ4), PSF (2,1,31,31,31),
/// 10 Richardson–Lucy iterations, float32 output. Tessera is the <c>tessera deconvolve</c> CLI as a
/// subprocess; the peer is <c>bench-peers/dask_pipeline.py --impl skimage</c> on a LocalCluster of
/// 2 workers × 1 thread. The data set is generated once into the work folder by
/// <c>bench-peers/gen_dataset.py</c> (seed 2). The two alternate for K rounds (T D T D …), each run
/// after the machine has gone quiet; every run prints one line with its wall time, how busy the whole
/// machine was, its CPU time and peak memory (<see cref="MeasuredProcess"/>). The last line is always
/// <c>ratio_median=X tessera_median_s=A dask_median_s=B</c>, X the median over rounds of dask/tessera
/// wall time (with <c>--sides</c> one side: only that side's median).
/// </summary>
internal sealed class W2Command : IBenchCommand
{
    private static readonly int[] Shape = [2, 4, 64, 256, 256];
    private static readonly int[] PsfShape = [31, 31, 31];
    private const int Seed = 2;

    public string Usage =>
        "[--work DIR] [--rounds 2] [--iterations 10] [--tessera PATH(.dll runs with dotnet)] [--tessera-args \"...\"] [--sides both|tessera|dask] [--timeout 1800] [--check]";

    public int Run(string[] args)
    {
        string[] rest = BenchArguments.TakeFlag(args, "--check", out bool check);
        var options = new BenchArguments(rest, "work", "rounds", "iterations", "tessera", "tessera-args", "sides", "timeout");
        string work = Path.GetFullPath(options.GetString("work", Path.Combine(Path.GetTempPath(), "tessera-bench", "w2")));
        int rounds = options.GetInt("rounds", 2);
        int iterations = options.GetInt("iterations", 10);
        string tessera = Path.GetFullPath(options.GetString("tessera", W2Paths.DefaultTessera()));
        List<string> tesseraArgs = W2Paths.SplitArguments(options.GetString("tessera-args", ""));
        string sides = options.GetString("sides", "both");
        var timeout = TimeSpan.FromSeconds(options.GetInt("timeout", 1800));
        if (sides is not ("both" or "tessera" or "dask"))
        {
            throw new BenchUsageException($"--sides must be both, tessera or dask; got '{sides}'.");
        }

        bool runTessera = sides != "dask", runDask = sides != "tessera";
        if (check && !(runTessera && runDask))
        {
            throw new BenchUsageException("--check needs both sides (--sides both).");
        }

        // Everything that can be missing is checked before the data set is generated.
        string? peers = W2Paths.FindPeers();
        if (peers is null || !File.Exists(W2Paths.Python))
        {
            Console.Error.WriteLine("w2: needs /usr/bin/python3 (python3-dask python3-distributed python3-skimage python3-zarr python3-numcodecs python3-scipy) and ../shared/bench-peers beside the repository, or $TESSERA_BENCH_PEERS.");
            return 1;
        }

        if (runTessera && !File.Exists(tessera))
        {
            Console.Error.WriteLine($"w2: tessera not found at {tessera}. Install it ({W2Paths.PublishCommand}) or pass --tessera PATH (a .dll runs with dotnet, anything else directly).");
            return 1;
        }

        Directory.CreateDirectory(work);
        string input = Path.Combine(work, "w2.zarr");
        string tesseraOut = Path.Combine(work, "w2_tessera.zarr"), daskOut = Path.Combine(work, "w2_dask.zarr");
        string daskLog = Path.Combine(work, "dask_w2.jsonl");
        var inv = CultureInfo.InvariantCulture;
        string count = iterations.ToString(inv);
        var (tesseraFile, prefix) = W2Paths.TesseraCommand(tessera);
        string[] tesseraCommand =
            [.. prefix, "deconvolve", Path.Combine(input, "data"), "--psf", Path.Combine(input, "psf"), "-o", Path.Combine(tesseraOut, "deconvolved"), "--iterations", count, "--overwrite", .. tesseraArgs];
        string[] daskCommand =
            [Path.Combine(peers, "dask_pipeline.py"), input, daskOut, "--impl", "skimage", "--n-workers", "2", "--threads-per-worker", "1", "--iterations", count, "--log", daskLog];

        Console.WriteLine($"W2: uint16 {string.Join('x', Shape)} chunks 1x1x{Shape[2]}x{Shape[3]}x{Shape[4]}, PSF {Shape[0]}x1x{string.Join('x', PsfShape)}, {iterations} RL iterations, float32 output; {rounds} round(s) alternating tessera and dask; work folder {work}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"memory: {(MeasuredProcess.HasGnuTime ? "peak_rss = largest single process (GNU time %M, exact)" : "peak_rss = largest VmHWM polled every 50 ms (no /usr/bin/time: apt-get install time)")}; tree_rss = peak sum of VmRSS over the process tree, polled every 50 ms (shared pages count in every process that maps them)");
        Console.WriteLine("cpu: machine_busy = busy jiffies of all cores / all jiffies during the run (/proc/stat, any process); tree_cpu = user+sys of the program and its children (GNU time); others_cpu = what the rest of the machine took meanwhile");
        if (runTessera)
        {
            Console.WriteLine($"tessera: {tesseraFile} {string.Join(' ', tesseraCommand)}");
        }

        if (runDask)
        {
            Console.WriteLine($"dask:    {W2Paths.Python} {string.Join(' ', daskCommand)}");
        }

        if (!EnsureDataSet(peers, input, timeout))
        {
            return 1;
        }

        Directory.CreateDirectory(tesseraOut); // The output array's parent folder; tessera writes the array in it.
        var tesseraTimes = new List<double>();
        var daskTimes = new List<double>();
        var ratios = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            if (runTessera)
            {
                var run = MeasuredProcess.RunWhenQuiet(tesseraFile, tesseraCommand, timeout);
                if (!run.Succeeded("w2", "tessera", tesseraFile, tesseraCommand))
                {
                    return 1;
                }

                Console.WriteLine($"round {round} tessera: {run.Describe()}");
                tesseraTimes.Add(run.WallSeconds);
            }

            if (runDask)
            {
                var run = MeasuredProcess.RunWhenQuiet(W2Paths.Python, daskCommand, timeout);
                if (!run.Succeeded("w2", "dask", W2Paths.Python, daskCommand))
                {
                    return 1;
                }

                Console.WriteLine($"round {round} dask:    {run.Describe()}{DaskDetails(run.Stdout)}");
                daskTimes.Add(run.WallSeconds);
            }

            if (runTessera && runDask)
            {
                ratios.Add(daskTimes[^1] / tesseraTimes[^1]);
                Console.WriteLine(string.Format(inv, "round {0} ratio dask/tessera = {1:F2}", round, ratios[^1]));
            }
        }

        bool checkedOk = !check || OutputCheck.Run(input, Path.Combine(tesseraOut, "deconvolved"), Path.Combine(daskOut, "deconvolved"));
        Console.WriteLine(MeasuredProcess.MediansLine(ratios, tesseraTimes, "dask", daskTimes));
        return checkedOk ? 0 : 1;
    }

    /// <summary>Generates the data set unless a complete one is there (written to a temporary name, renamed when done).</summary>
    private static bool EnsureDataSet(string peers, string input, TimeSpan timeout)
    {
        if (IsComplete(input))
        {
            Console.WriteLine($"data set: {input} (present, not regenerated)");
            return true;
        }

        if (Directory.Exists(input))
        {
            Console.WriteLine($"data set: {input} is incomplete or has another shape; regenerating");
            Directory.Delete(input, recursive: true);
        }

        string partial = input + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        string[] command =
        [
            Path.Combine(peers, "gen_dataset.py"), partial,
            "--shape", .. Shape.Select(n => n.ToString(CultureInfo.InvariantCulture)),
            "--psf-shape", .. PsfShape.Select(n => n.ToString(CultureInfo.InvariantCulture)),
            "--seed", Seed.ToString(CultureInfo.InvariantCulture),
        ];
        Console.WriteLine($"data set: generating {input}: {W2Paths.Python} {string.Join(' ', command)}");
        var run = MeasuredProcess.Run(W2Paths.Python, command, timeout);
        if (!run.Succeeded("w2", "gen_dataset", W2Paths.Python, command))
        {
            return false;
        }

        Directory.Move(partial, input);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "data set: generated in {0:F1} s", run.WallSeconds));
        return IsComplete(input);
    }

    /// <summary>The group has data (with W2's shape), psf and truth arrays.</summary>
    private static bool IsComplete(string input)
    {
        try
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(input, "data", ".zarray")));
            int[] shape = [.. meta.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];
            return shape.SequenceEqual(Shape)
                && File.Exists(Path.Combine(input, "psf", ".zarray"))
                && File.Exists(Path.Combine(input, "truth", ".zarray"));
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    /// <summary>dask_pipeline.py's own timings from the JSON line it prints: cluster start-up, compute (graph + compute + write) and its wall.</summary>
    private static string DaskDetails(string stdout)
    {
        string? line = stdout.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (line is null)
        {
            return " (no JSON line from dask_pipeline.py)";
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            return string.Format(
                CultureInfo.InvariantCulture,
                " | own: wall_s={0:F2} compute_s={1:F2} cluster_s={2:F2} own_cpu_s={3:F1}",
                r.GetProperty("wall_seconds").GetDouble(),
                r.GetProperty("compute_seconds").GetDouble(),
                r.GetProperty("cluster_seconds").GetDouble(),
                r.GetProperty("own_cpu_seconds").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $" (unreadable JSON line from dask_pipeline.py: {e.Message})";
        }
    }

}
