namespace Tessera.Arrays.Scheduling;

/// <summary>
/// How a job uses the machine: blocks computed at once, threads inside each, and the memory they may hold.
/// </summary>
/// <param name="ParallelBlocks">Blocks computed at once.</param>
/// <param name="ThreadsPerBlock">Threads inside each block.</param>
/// <param name="BlockWorkingSet">The declared bytes one block holds at its peak.</param>
/// <param name="MemoryLimit">The budget for all admitted blocks together.</param>
/// <param name="ReadAhead">Blocks admitted beyond the computing ones, reading their inputs.</param>
public sealed record ConcurrencyPlan(int ParallelBlocks, int ThreadsPerBlock, long BlockWorkingSet, long MemoryLimit, int ReadAhead)
{
    /// <summary>
    /// Chooses: as many blocks at once as there are cores, blocks and room in the budget for (several
    /// independent blocks scale better than threads inside one), then the remaining cores as threads inside
    /// each block, so that one large block still uses every core.
    /// </summary>
    /// <exception cref="MemoryBudgetException">One block needs more than the budget.</exception>
    public static ConcurrencyPlan Choose(int cores, long blockCount, long blockWorkingSet, long memoryLimit, ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (blockWorkingSet > memoryLimit)
        {
            throw new MemoryBudgetException(blockWorkingSet, memoryLimit);
        }

        long byMemory = memoryLimit / Math.Max(1, blockWorkingSet);
        int blocks = (int)Math.Max(1, Math.Min(Math.Min(cores, Math.Max(1, blockCount)), Math.Min(byMemory, options.MaxParallelBlocks ?? int.MaxValue)));
        int threads = options.ThreadsPerBlock ?? Math.Max(1, cores / blocks);
        return new ConcurrencyPlan(blocks, threads, blockWorkingSet, memoryLimit, Math.Max(0, options.ReadAhead));
    }
}
