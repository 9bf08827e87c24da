using Tessera.Arrays.Scheduling;

namespace Tessera.Arrays.Output;

/// <summary>What a write did.</summary>
/// <param name="Location">The output array's folder.</param>
/// <param name="ChunksWritten">Chunks computed and written in this run.</param>
/// <param name="ChunksSkipped">Chunks an earlier run had completed.</param>
/// <param name="ChunksTotal">All chunks of the output.</param>
/// <param name="Elapsed">The time this run took.</param>
/// <param name="Plan">The concurrency used; null when there was nothing to compute.</param>
/// <param name="PeakAdmittedBytes">The largest sum of admitted working sets.</param>
public sealed record ZarrWriteResult(string Location, long ChunksWritten, long ChunksSkipped, long ChunksTotal, TimeSpan Elapsed, ConcurrencyPlan? Plan, long PeakAdmittedBytes)
{
    /// <summary>True when the output was complete already and nothing was computed.</summary>
    public bool WasComplete => ChunksWritten == 0 && ChunksSkipped == ChunksTotal;
}
