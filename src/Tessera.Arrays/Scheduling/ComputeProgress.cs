namespace Tessera.Arrays.Scheduling;

/// <summary>Where a job stands.</summary>
/// <param name="BlocksDone">Blocks computed (and written) in this run.</param>
/// <param name="BlocksTotal">Blocks this run computes (skipped ones excluded).</param>
/// <param name="BlocksSkipped">Blocks found complete by an earlier run and skipped.</param>
/// <param name="VoxelsDone">Voxels of the blocks done in this run.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="BytesInUse">The working sets of the blocks admitted now.</param>
public sealed record ComputeProgress(long BlocksDone, long BlocksTotal, long BlocksSkipped, long VoxelsDone, TimeSpan Elapsed, long BytesInUse)
{
    /// <summary>Voxels per second so far in this run (0 before the first block).</summary>
    public double VoxelsPerSecond => Elapsed.TotalSeconds > 0 ? VoxelsDone / Elapsed.TotalSeconds : 0;

    /// <summary>The estimated time to finish, from the blocks per second so far; null before the first block.</summary>
    public TimeSpan? Eta => BlocksDone == 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / BlocksDone * (BlocksTotal - BlocksDone));
}
