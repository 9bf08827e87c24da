namespace Tessera.Arrays.Graph;

/// <summary>
/// What a region read needs from the scheduler: the threads a block operation may use, the gate that
/// bounds how many blocks compute at once (reads and writes happen outside it, so I/O overlaps
/// compute), and the job's cancellation.
/// </summary>
internal sealed class RegionContext(int threads, SemaphoreSlim computeGate, CancellationToken cancellationToken)
{
    public int Threads => threads;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Waits for a compute slot; dispose the result to free it.</summary>
    public async ValueTask<IDisposable> EnterComputeAsync()
    {
        await computeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new GateRelease(computeGate);
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
