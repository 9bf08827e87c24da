namespace Tessera.Arrays.Scheduling;

/// <summary>How the local scheduler runs a lazy array's blocks.</summary>
public record ComputeOptions
{
    /// <summary>
    /// The most bytes the running blocks may hold together (their declared working sets). Null for the
    /// default, <see cref="MemoryBudget.DefaultBytes"/>: 60% of the memory available when the job starts.
    /// </summary>
    public long? MemoryLimit { get; init; }

    /// <summary>The most blocks computed at once; null to choose from the cores, the block count and the budget.</summary>
    public int? MaxParallelBlocks { get; init; }

    /// <summary>Threads inside one block (for example FFT threads); null for cores / blocks at once.</summary>
    public int? ThreadsPerBlock { get; init; }

    /// <summary>Blocks read ahead of the computing ones, so that I/O and decompression overlap compute. Default 1.</summary>
    public int ReadAhead { get; init; } = 1;

    /// <summary>How many times a block that hits an I/O error is retried before the job fails (other errors are not retried). Default 1.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Receives progress after every block, and once at the start.</summary>
    public IProgress<ComputeProgress>? Progress { get; init; }

    /// <summary>Receives the chosen concurrency before the first block starts.</summary>
    public Action<ConcurrencyPlan>? OnPlan { get; init; }
}
