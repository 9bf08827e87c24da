namespace Tessera.Arrays.Scheduling;

/// <summary>Admits working sets while their sum stays within a budget; waits otherwise. Tracks the peak admitted.</summary>
internal sealed class MemoryGate(long budget)
{
    private readonly Lock _lock = new();
    private long _used;
    private TaskCompletionSource? _released;

    public long InUse
    {
        get
        {
            lock (_lock)
            {
                return _used;
            }
        }
    }

    public long Peak { get; private set; }

    /// <summary>Waits until <paramref name="bytes"/> fit beside what is admitted, then admits them. A lone request always fits.</summary>
    public async ValueTask AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_used == 0 || _used + bytes <= budget)
                {
                    _used += bytes;
                    Peak = Math.Max(Peak, _used);
                    return;
                }

                _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _released.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Release(long bytes)
    {
        TaskCompletionSource? released;
        lock (_lock)
        {
            _used -= bytes;
            released = _released;
            _released = null;
        }

        released?.TrySetResult();
    }
}
