using System.Diagnostics;
using Spectre.Console;
using Tessera.Arrays.Scheduling;

namespace Tessera.Cli.Output;

/// <summary>
/// Shows a job's progress on stderr: a bar with blocks done, voxels per second and the time left when
/// stderr is a terminal; otherwise one line every <see cref="LineInterval"/>, so that logs of long
/// runs show progress too.
/// </summary>
internal static class BlockProgressView
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="work"/>, which reports through its argument.</summary>
    public static async Task<T> RunAsync<T>(CliConsole console, string verb, Func<IProgress<ComputeProgress>, Task<T>> work)
    {
        if (!console.ErrorIsTerminal)
        {
            var sinceLine = Stopwatch.StartNew();
            var gate = new Lock();
            return await work(new Reporter(p =>
            {
                lock (gate)
                {
                    if (sinceLine.Elapsed >= LineInterval && p.BlocksDone < p.BlocksTotal)
                    {
                        sinceLine.Restart();
                        console.Error.WriteLine($"{verb}: {Describe(p)}");
                    }
                }
            })).ConfigureAwait(false);
        }

        return await console.CreateErrorConsole().Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(verb), maxValue: 1);
                var gate = new Lock();
                return await work(new Reporter(p =>
                {
                    lock (gate)
                    {
                        task.MaxValue = Math.Max(1, p.BlocksTotal);
                        task.Value = p.BlocksDone;
                        task.Description = Markup.Escape($"{verb} {Describe(p)}");
                    }
                })).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>"3/8 blocks, 2.1 Mvoxel/s, about 12 s left".</summary>
    public static string Describe(ComputeProgress p)
    {
        string rate = p.BlocksDone > 0 ? $", {Formats.Number(p.VoxelsPerSecond / 1e6, 1)} Mvoxel/s" : "";
        string eta = p.Eta is { } left ? $", about {Formats.Number(left.TotalSeconds, 0)} s left" : "";
        string skipped = p.BlocksSkipped > 0 ? $" ({p.BlocksSkipped} done before)" : "";
        return $"{p.BlocksDone}/{p.BlocksTotal} blocks{skipped}{rate}{eta}";
    }

    private sealed class Reporter(Action<ComputeProgress> report) : IProgress<ComputeProgress>
    {
        public void Report(ComputeProgress value) => report(value);
    }
}
