using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tessera.Bench.Commands;
using Tessera.Bench.W2;

namespace Tessera.Bench.Tiff;

/// <summary>
/// <c>tiff</c>: issue 6's acceptance benchmark. A folder of per-channel, per-time-point uint16 z-stacks
/// <c>raw/ch{c}_t{t:03}.tif</c> (the layout microscopes produce; default 2 × 8 × (64, 512, 512) = 512 MiB,
/// generated once into the work folder by <c>bench/tiff/gen_tiff_folder.py</c>) is converted to OME-Zarr 0.4
/// (one level, chunks (1, 1, 64, 256, 256), Blosc-LZ4 level 5 byte shuffle) by
/// <c>tessera convert PATTERN OUT --format ome-zarr --voxel-size 2,0.5,0.5 --levels 1</c> and by the peer
/// <c>bench/tiff/tifffile_to_omezarr.py</c> (tifffile + zarr-python, a thread pool over the files). The two
/// alternate for K rounds (Tessera first), each run after the machine has gone quiet and with its output
/// folder removed beforehand (outside the timing); the TIFFs are in the page cache for both. Every run prints
/// wall time, machine busy %, CPU and peak RSS (<see cref="MeasuredProcess"/>); then Tessera's peak RSS
/// against the data size (bounded memory), and last <c>ratio_median=X tessera_median_s=A peer_median_s=B</c>,
/// X the median over rounds of peer/Tessera wall time. <c>--check</c> compares the two outputs' level 0
/// element by element and their multiscales axes and scale.
/// </summary>
internal sealed class TiffCommand : IBenchCommand
{
    private const string Pattern = "ch{c}_t{t:03}.tif";
    private static readonly double[] VoxelSize = [2, 0.5, 0.5];

    public string Usage =>
        "[--work DIR] [--rounds 3] [--channels 2] [--timepoints 8] [--shape 64,512,512] [--workers CORES(peer threads)] [--tessera PATH(.dll runs with dotnet)] [--tessera-args \"...\"] [--sides both|tessera|peer] [--timeout 1800] [--check]";

    public int Run(string[] args)
    {
        string[] rest = BenchArguments.TakeFlag(args, "--check", out bool check);
        var options = new BenchArguments(rest, "work", "rounds", "channels", "timepoints", "shape", "workers", "tessera", "tessera-args", "sides", "timeout");
        var inv = CultureInfo.InvariantCulture;
        string work = Path.GetFullPath(options.GetString("work", Path.Combine(Path.GetTempPath(), "tessera-bench", "tiff")));
        int rounds = options.GetInt("rounds", 3);
        int channels = options.GetInt("channels", 2);
        int timepoints = options.GetInt("timepoints", 8);
        int[] shape = options.GetShape("shape", [64, 512, 512]);
        int workers = options.GetInt("workers", Environment.ProcessorCount);
        string tessera = Path.GetFullPath(options.GetString("tessera", W2Paths.DefaultTessera()));
        List<string> tesseraArgs = W2Paths.SplitArguments(options.GetString("tessera-args", ""));
        string sides = options.GetString("sides", "both");
        var timeout = TimeSpan.FromSeconds(options.GetInt("timeout", 1800));
        if (shape.Length != 3)
        {
            throw new BenchUsageException($"--shape must give Z,Y,X; got {shape.Length} sizes.");
        }

        if (sides is not ("both" or "tessera" or "peer"))
        {
            throw new BenchUsageException($"--sides must be both, tessera or peer; got '{sides}'.");
        }

        bool runTessera = sides != "peer", runPeer = sides != "tessera";
        if (check && !(runTessera && runPeer))
        {
            throw new BenchUsageException("--check needs both sides (--sides both).");
        }

        // Everything that can be missing is checked before the data set is generated.
        string? scripts = FindScripts();
        if (scripts is null || !File.Exists(W2Paths.Python))
        {
            Console.Error.WriteLine("tiff: needs /usr/bin/python3 (python3-tifffile python3-zarr python3-numcodecs python3-numpy) and bench/tiff in the repository (run from inside it).");
            return 1;
        }

        if (runTessera && !File.Exists(tessera))
        {
            Console.Error.WriteLine($"tiff: tessera not found at {tessera}. Install it ({W2Paths.PublishCommand}) or pass --tessera PATH (a .dll runs with dotnet, anything else directly).");
            return 1;
        }

        Directory.CreateDirectory(work);
        string raw = Path.Combine(work, "raw");
        string pattern = Path.Combine(raw, Pattern);
        string tesseraOut = Path.Combine(work, "tessera.ome.zarr"), peerOut = Path.Combine(work, "peer.ome.zarr");
        long dataBytes = 2L * channels * timepoints * shape[0] * shape[1] * shape[2];
        double dataMib = dataBytes / 1048576.0;
        var (tesseraFile, prefix) = W2Paths.TesseraCommand(tessera);
        string[] tesseraCommand =
            [.. prefix, "convert", pattern, tesseraOut, "--format", "ome-zarr", "--voxel-size", string.Join(',', VoxelSize.Select(v => v.ToString(inv))), "--levels", "1", "--overwrite", .. tesseraArgs];
        string[] peerCommand =
            [Path.Combine(scripts, "tifffile_to_omezarr.py"), pattern, peerOut, "--voxel-size", .. VoxelSize.Select(v => v.ToString(inv)), "--workers", workers.ToString(inv)];

        Console.WriteLine(string.Format(inv, "TIFF: {0} channel(s) x {1} time point(s) of uint16 {2} z-stacks ({3:F0} MiB) -> OME-Zarr 0.4, one level, chunks 1x1x{4}x{5}x{6}, Blosc-LZ4 5 byte shuffle; {7} round(s) alternating tessera and peer; work folder {8}", channels, timepoints, string.Join('x', shape), dataMib, Math.Min(shape[0], 64), Math.Min(shape[1], 256), Math.Min(shape[2], 256), rounds, work));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"memory: {(MeasuredProcess.HasGnuTime ? "peak_rss = largest single process (GNU time %M, exact)" : "peak_rss = largest VmHWM polled every 50 ms (no /usr/bin/time: apt-get install time)")}; the TIFFs are in the page cache for both sides; outputs are removed and the page cache flushed (sync) before each run, outside the timing");
        Console.WriteLine("cpu: machine_busy = busy jiffies of all cores / all jiffies during the run (/proc/stat, any process); tree_cpu = user+sys of the program and its children (GNU time); others_cpu = what the rest of the machine took meanwhile");
        if (runTessera)
        {
            Console.WriteLine($"tessera: {tesseraFile} {string.Join(' ', tesseraCommand.Select(Quote))}");
        }

        if (runPeer)
        {
            Console.WriteLine($"peer:    {W2Paths.Python} {string.Join(' ', peerCommand.Select(Quote))}");
        }

        if (!EnsureDataSet(scripts, raw, channels, timepoints, shape, timeout))
        {
            return 1;
        }

        WarmPageCache(raw);

        var tesseraTimes = new List<double>();
        var peerTimes = new List<double>();
        var ratios = new List<double>();
        var tesseraRss = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            if (runTessera)
            {
                DeleteFolder(tesseraOut);
                var run = MeasuredProcess.RunWhenQuiet(tesseraFile, tesseraCommand, timeout);
                if (!run.Succeeded("tiff", "tessera", tesseraFile, tesseraCommand))
                {
                    Console.Error.WriteLine($"tiff: the tessera CLI at {tessera} could not convert the TIFF series '{pattern}' (see its output above); this benchmark needs `tessera convert` with TIFF-pattern input ({{c}}/{{t}} in INPUT).");
                    return 1;
                }

                Console.WriteLine($"round {round} tessera: {run.Describe()}");
                tesseraTimes.Add(run.WallSeconds);
                tesseraRss.Add(run.MaxProcessRssMib);
            }

            if (runPeer)
            {
                DeleteFolder(peerOut);
                var run = MeasuredProcess.RunWhenQuiet(W2Paths.Python, peerCommand, timeout);
                if (!run.Succeeded("tiff", "peer", W2Paths.Python, peerCommand))
                {
                    return 1;
                }

                Console.WriteLine($"round {round} peer:    {run.Describe()}{PeerDetails(run.Stdout)}");
                peerTimes.Add(run.WallSeconds);
            }

            if (runTessera && runPeer)
            {
                ratios.Add(peerTimes[^1] / tesseraTimes[^1]);
                Console.WriteLine(string.Format(inv, "round {0} ratio peer/tessera = {1:F2}", round, ratios[^1]));
            }
        }

        if (tesseraRss.Count > 0)
        {
            double peak = tesseraRss.Max();
            Console.WriteLine(string.Format(inv, "memory: tessera peak_rss_mib={0:F0} (largest over rounds, runtime included) = {1:F1}% of the {2:F0} MiB of data ({3} files of {4:F0} MiB); run with more --timepoints to see it stay flat", peak, 100 * peak / dataMib, dataMib, channels * timepoints, dataMib / (channels * timepoints)));
        }

        bool checkedOk = !check || TiffOutputCheck.Run(tesseraOut, peerOut);
        Console.WriteLine(MeasuredProcess.MediansLine(ratios, tesseraTimes, "peer", peerTimes));
        return checkedOk ? 0 : 1;
    }

    /// <summary>The repository's bench/tiff folder (with the two scripts), or null.</summary>
    private static string? FindScripts()
    {
        string? root = W2Paths.FindRepository();
        string? folder = root is null ? null : Path.Combine(root, "bench", "tiff");
        return folder is not null && File.Exists(Path.Combine(folder, "gen_tiff_folder.py")) && File.Exists(Path.Combine(folder, "tifffile_to_omezarr.py"))
            ? folder
            : null;
    }

    /// <summary>
    /// Generates the TIFF folder unless a complete one with these sizes is there: written to a temporary name and
    /// renamed when done, with the generator's JSON line saved as <c>dataset.json</c> (the completeness marker).
    /// </summary>
    private static bool EnsureDataSet(string scripts, string raw, int channels, int timepoints, int[] shape, TimeSpan timeout)
    {
        string marker = Path.Combine(raw, "dataset.json");
        if (IsComplete(marker, channels, timepoints, shape))
        {
            Console.WriteLine($"data set: {raw} (present, not regenerated)");
            return true;
        }

        if (Directory.Exists(raw))
        {
            Console.WriteLine($"data set: {raw} is incomplete or has other sizes; regenerating");
            Directory.Delete(raw, recursive: true);
        }

        string partial = raw + ".partial";
        DeleteFolder(partial);
        var inv = CultureInfo.InvariantCulture;
        string[] command =
        [
            Path.Combine(scripts, "gen_tiff_folder.py"), partial,
            "--channels", channels.ToString(inv), "--timepoints", timepoints.ToString(inv),
            "--shape", .. shape.Select(n => n.ToString(inv)),
        ];
        Console.WriteLine($"data set: generating {raw}: {W2Paths.Python} {string.Join(' ', command)}");
        var run = MeasuredProcess.Run(W2Paths.Python, command, timeout);
        if (!run.Succeeded("tiff", "gen_tiff_folder", W2Paths.Python, command))
        {
            return false;
        }

        string? line = run.Stdout.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        File.WriteAllText(Path.Combine(partial, "dataset.json"), (line ?? "{}").Trim() + "\n");
        Directory.Move(partial, raw);
        Console.WriteLine(string.Format(inv, "data set: generated in {0:F1} s", run.WallSeconds));
        return IsComplete(marker, channels, timepoints, shape);
    }

    /// <summary>
    /// Reads every TIFF once (outside the timing), so that round 1's first side does not pay for bringing the data set
    /// into the page cache while the other side finds it there.
    /// </summary>
    private static void WarmPageCache(string raw)
    {
        byte[] buffer = new byte[1 << 20];
        long bytes = 0;
        foreach (string file in Directory.EnumerateFiles(raw, "*.tif"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                bytes += n;
            }
        }

        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "page cache: read the {0:F0} MiB of TIFFs once before the rounds", bytes / 1048576.0));
    }

    /// <summary>The marker names these sizes and every file is there with at least the data's size.</summary>
    private static bool IsComplete(string marker, int channels, int timepoints, int[] shape)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(marker));
            var r = doc.RootElement;
            int[] written = [.. r.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];
            if (!written.SequenceEqual(shape) || r.GetProperty("channels").GetInt32() != channels || r.GetProperty("timepoints").GetInt32() != timepoints)
            {
                return false;
            }

            string folder = Path.GetDirectoryName(marker)!;
            long bytes = 2L * shape[0] * shape[1] * shape[2];
            for (int c = 0; c < channels; c++)
            {
                for (int t = 0; t < timepoints; t++)
                {
                    var file = new FileInfo(Path.Combine(folder, string.Format(CultureInfo.InvariantCulture, "ch{0}_t{1:D3}.tif", c, t)));
                    if (!file.Exists || file.Length < bytes)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>tifffile_to_omezarr.py's own timing from the JSON line it prints (imports excluded).</summary>
    private static string PeerDetails(string stdout)
    {
        string? line = stdout.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (line is null)
        {
            return " (no JSON line from tifffile_to_omezarr.py)";
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            return string.Format(
                CultureInfo.InvariantCulture,
                " | own: wall_s={0:F2} mib_per_s={1:F0} workers={2}",
                r.GetProperty("wall_seconds").GetDouble(),
                r.GetProperty("mib_per_s").GetDouble(),
                r.GetProperty("workers").GetInt32());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $" (unreadable JSON line from tifffile_to_omezarr.py: {e.Message})";
        }
    }

    private static string Quote(string arg) => arg.Contains('{') || arg.Contains(' ') ? $"\"{arg}\"" : arg;

}
