using BenchmarkDotNet.Running;

namespace Tessera.Bench.Commands;

/// <summary><c>micro [BenchmarkDotNet arguments]</c>: the kernel benchmarks, e.g. <c>micro --filter '*Shuffle*'</c>.</summary>
internal sealed class MicroCommand : IBenchCommand
{
    public string Usage => "[BenchmarkDotNet arguments, e.g. --filter '*Shuffle*']";

    public int Run(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
