using System.Diagnostics;
using System.Globalization;

namespace Tessera.Bench.W2;

/// <summary>What one measured run of a program cost.</summary>
/// <param name="Code">Exit code (of the program; /usr/bin/time passes it through).</param>
/// <param name="Stdout">Everything the program wrote to stdout.</param>
/// <param name="Stderr">Everything the program wrote to stderr.</param>
/// <param name="WallSeconds">From process start to exit, measured here.</param>
/// <param name="MachineBusyFraction">Busy jiffies of all CPUs (any process) over all jiffies during the run, from /proc/stat: 1.0 = every core busy the whole time.</param>
/// <param name="MachineBusyCpuSeconds"><paramref name="MachineBusyFraction"/> × wall × cores.</param>
/// <param name="TreeCpuSeconds">User + system CPU of the program and its reaped descendants (/usr/bin/time %U + %S); NaN without /usr/bin/time.</param>
/// <param name="MaxProcessRssMib">Peak RSS of the largest single process of the tree (/usr/bin/time %M, exact; without it the largest polled VmHWM).</param>
/// <param name="TreePeakRssMib">Largest sum of VmRSS over the whole process tree, polled every 50 ms.</param>
/// <param name="TreeProcesses">How many distinct processes the tree had (the /usr/bin/time wrapper excluded).</param>
/// <param name="TimedOut">The run was killed after the time limit.</param>
internal sealed record MeasuredRun(
    int Code,
    string Stdout,
    string Stderr,
    double WallSeconds,
    double MachineBusyFraction,
    double MachineBusyCpuSeconds,
    double TreeCpuSeconds,
    double MaxProcessRssMib,
    double TreePeakRssMib,
    int TreeProcesses,
    bool TimedOut)
{
    /// <summary>CPU time other processes on the machine took meanwhile (contention check); NaN without /usr/bin/time.</summary>
    public double OthersCpuSeconds => Math.Max(0, MachineBusyCpuSeconds - TreeCpuSeconds);

    /// <summary>One run's figures on one line; "(contended)" when other processes took more than 10% of the machine meanwhile.</summary>
    public string Describe() => string.Format(
        CultureInfo.InvariantCulture,
        "wall_s={0:F2} machine_busy_pct={1:F0} tree_cpu_s={2:F1} others_cpu_s={3:F1}{7} peak_rss_mib={4:F0} tree_rss_mib={5:F0} processes={6}",
        WallSeconds,
        100 * MachineBusyFraction,
        TreeCpuSeconds,
        OthersCpuSeconds,
        MaxProcessRssMib,
        TreePeakRssMib,
        TreeProcesses,
        OthersCpuSeconds > 0.1 * WallSeconds * Environment.ProcessorCount ? " (contended)" : "");

    /// <summary>
    /// True when the run exited with 0 in time; otherwise prints, prefixed by <paramref name="bench"/>, what
    /// failed (<paramref name="name"/>, the command line) and the last lines of its output, and returns false.
    /// </summary>
    public bool Succeeded(string bench, string name, string file, IEnumerable<string> args)
    {
        if (Code == 0 && !TimedOut)
        {
            return true;
        }

        string command = $"{file} {string.Join(' ', args.Select(a => a.Contains('{') || a.Contains(' ') ? $"\"{a}\"" : a))}";
        Console.Error.WriteLine(TimedOut
            ? string.Format(CultureInfo.InvariantCulture, "{0}: {1} timed out after {2:F0} s and was killed: {3}", bench, name, WallSeconds, command)
            : $"{bench}: {name} failed (exit code {Code}): {command}");
        Console.Error.WriteLine($"--- last lines of its output ---\n{Tail()}\n---");
        return false;
    }

    /// <summary>The last <paramref name="lines"/> lines of stderr (or stdout when stderr is empty), for error messages.</summary>
    public string Tail(int lines = 20)
    {
        string text = string.IsNullOrWhiteSpace(Stderr) ? Stdout : Stderr;
        string[] all = text.TrimEnd().Split('\n');
        return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
    }
}

/// <summary>
/// Runs a program to completion and measures it from outside, as a user experiences it: wall time,
/// how busy the whole machine was (/proc/stat before and after), CPU time of the program's process
/// tree and its peak memory. The program runs under GNU time (<c>/usr/bin/time -f '%M %e %U %S'</c>,
/// Debian package <c>time</c>) where present, which gives the exact peak RSS of the largest process
/// and the CPU time of the whole (reaped) tree; in addition a sampler thread sums VmRSS over the
/// process tree (found through the parent ids in /proc/*/stat) every 50 ms, which is what a
/// multi-process program such as a Dask cluster occupies at once.
/// </summary>
internal static class MeasuredProcess
{
    public const string GnuTime = "/usr/bin/time";

    private const int SampleMilliseconds = 50;

    /// <summary>Whether runs are wrapped in GNU time (exact peak RSS and tree CPU time).</summary>
    public static bool HasGnuTime => File.Exists(GnuTime);

    /// <summary>
    /// Writes the dirty page cache to disk (<c>sync</c>), so that the kernel does not flush the previous run's output
    /// during this one, then waits for a quiet machine (at most 15% busy over 1 s, 30 s at most), then runs and measures.
    /// </summary>
    public static MeasuredRun RunWhenQuiet(string file, string[] args, TimeSpan timeout)
    {
        using (var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false }))
        {
            sync?.WaitForExit();
        }

        double busy = WaitQuiet(0.15, TimeSpan.FromSeconds(30));
        if (busy > 0.15)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "warning: the machine is {0:P0} busy before the run (waited 30 s)", busy));
        }

        return Run(file, args, timeout);
    }

    /// <summary>
    /// The last line of an alternating benchmark: <c>ratio_median=X tessera_median_s=A {peer}_median_s=B</c>, each part
    /// present when it has values (a one-sided run has no ratio).
    /// </summary>
    public static string MediansLine(IReadOnlyCollection<double> ratios, IReadOnlyCollection<double> tesseraTimes, string peer, IReadOnlyCollection<double> peerTimes)
    {
        var parts = new List<string>();
        foreach (var (name, values) in new[] { ("ratio_median", ratios), ("tessera_median_s", tesseraTimes), ($"{peer}_median_s", peerTimes) })
        {
            if (values.Count > 0)
            {
                parts.Add(string.Format(CultureInfo.InvariantCulture, "{0}={1:F2}", name, Median(values)));
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
    }

    public static MeasuredRun Run(string file, IReadOnlyList<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        string? timeFile = HasGnuTime ? Path.Combine(Path.GetTempPath(), $"tessera-bench-w2-time-{Environment.ProcessId}-{Guid.NewGuid():N}.txt") : null;
        var psi = new ProcessStartInfo(timeFile is null ? file : GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (timeFile is not null)
        {
            foreach (string a in new[] { "-f", "%M %e %U %S", "-o", timeFile, file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        var before = CpuJiffies.Read();
        long start = Stopwatch.GetTimestamp();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {psi.FileName}.");
        var sampler = new TreeSampler(process.Id, excludeRoot: timeFile is not null);
        var thread = new Thread(sampler.Loop) { IsBackground = true, Name = "w2-rss-sampler" };
        thread.Start();

        // Read both pipes concurrently so that neither can fill up and stall the program.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            process.WaitForExit();
        }
        else
        {
            process.WaitForExit(); // Also waits for the redirected pipes to reach end of file.
        }

        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var after = CpuJiffies.Read();
        sampler.Stop();
        thread.Join();

        double busy = after.BusyFractionSince(before);
        double treeCpu = double.NaN, maxRss = sampler.MaxHwmKib / 1024.0;
        if (timeFile is not null)
        {
            try
            {
                // The last line is "%M %e %U %S"; earlier lines, if any, say e.g. "Command exited with non-zero status 1".
                string? last = File.ReadAllLines(timeFile).LastOrDefault(l => l.Trim().Length > 0);
                string[] f = last?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
                var inv = CultureInfo.InvariantCulture;
                if (f.Length == 4 && double.TryParse(f[0], inv, out double kib) && double.TryParse(f[2], inv, out double user) && double.TryParse(f[3], inv, out double sys))
                {
                    maxRss = kib / 1024.0;
                    treeCpu = user + sys;
                }
            }
            catch (IOException)
            {
                // Killed before GNU time wrote its report: keep the sampled figures.
            }
            finally
            {
                File.Delete(timeFile);
            }
        }

        return new MeasuredRun(
            process.ExitCode,
            stdout.Result,
            stderr.Result,
            wall,
            busy,
            busy * wall * Environment.ProcessorCount,
            treeCpu,
            maxRss,
            sampler.PeakTreeRssKib / 1024.0,
            sampler.ProcessCount,
            timedOut);
    }

    /// <summary>Waits until the whole machine is at most <paramref name="maxBusy"/> busy over one second, or <paramref name="maxWait"/> passed; returns the last busy fraction.</summary>
    public static double WaitQuiet(double maxBusy, TimeSpan maxWait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var a = CpuJiffies.Read();
            Thread.Sleep(1000);
            double busy = CpuJiffies.Read().BusyFractionSince(a);
            if (busy <= maxBusy || clock.Elapsed >= maxWait)
            {
                return busy;
            }
        }
    }

    /// <summary>The first line of /proc/stat: jiffies of all CPUs together.</summary>
    private readonly record struct CpuJiffies(long Busy, long Total)
    {
        public static CpuJiffies Read()
        {
            try
            {
                string line = File.ReadLines("/proc/stat").First();
                long[] v = [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(s => long.Parse(s, CultureInfo.InvariantCulture))];

                // user nice system idle iowait irq softirq steal (guest time is already in user).
                long total = v.Sum();
                return new CpuJiffies(total - v[3] - v[4], total);
            }
            catch (IOException)
            {
                return default;
            }
        }

        public double BusyFractionSince(CpuJiffies before)
        {
            long total = Total - before.Total;
            return total <= 0 ? double.NaN : (double)(Busy - before.Busy) / total;
        }
    }

    /// <summary>Polls the process tree under a root process: sum of VmRSS now, largest VmHWM.</summary>
    private sealed class TreeSampler(int rootPid, bool excludeRoot)
    {
        private readonly HashSet<int> _seen = [];
        private volatile bool _stop;
        private List<int> _tree = [rootPid];

        public long PeakTreeRssKib { get; private set; }

        public long MaxHwmKib { get; private set; }

        public int ProcessCount => _seen.Count;

        public void Stop() => _stop = true;

        public void Loop()
        {
            for (int tick = 0; !_stop; tick++)
            {
                // Rescanning /proc for new descendants reads every process's stat file; do it every
                // fourth tick (200 ms) and read only the known tree's status files in between.
                if (tick % 4 == 0)
                {
                    _tree = Descendants(rootPid);
                }

                long sum = 0;
                foreach (int pid in _tree)
                {
                    if (excludeRoot && pid == rootPid)
                    {
                        continue; // The GNU time wrapper: not part of the program.
                    }

                    var (rss, hwm) = Status(pid);
                    if (rss > 0)
                    {
                        _seen.Add(pid);
                    }

                    sum += rss;
                    MaxHwmKib = Math.Max(MaxHwmKib, hwm);
                }

                PeakTreeRssKib = Math.Max(PeakTreeRssKib, sum);
                Thread.Sleep(SampleMilliseconds);
            }
        }

        private static List<int> Descendants(int root)
        {
            var children = new Dictionary<int, List<int>>();
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid))
                {
                    continue;
                }

                try
                {
                    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so parse after the last ')'.
                    string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    int ppid = int.Parse(rest[1], CultureInfo.InvariantCulture);
                    if (!children.TryGetValue(ppid, out var list))
                    {
                        children[ppid] = list = [];
                    }

                    list.Add(pid);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
                {
                    // The process exited while we looked.
                }
            }

            var tree = new List<int> { root };
            for (int i = 0; i < tree.Count; i++)
            {
                if (children.TryGetValue(tree[i], out var list))
                {
                    tree.AddRange(list);
                }
            }

            return tree;
        }

        private static (long RssKib, long HwmKib) Status(int pid)
        {
            try
            {
                long rss = 0, hwm = 0;
                foreach (string line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        rss = Kib(line);
                    }
                    else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        hwm = Kib(line);
                    }
                }

                return (rss, hwm);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (0, 0);
            }
        }

        private static long Kib(string line) =>
            long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out long kib) ? kib : 0;
    }
}
