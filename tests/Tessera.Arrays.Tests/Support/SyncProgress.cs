using Tessera.Arrays.Scheduling;

namespace Tessera.Arrays.Tests.Support;

/// <summary>
/// Records progress synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts
/// later), optionally running <paramref name="onReport"/> for each report.
/// </summary>
internal sealed class SyncProgress(Action<ComputeProgress>? onReport = null) : IProgress<ComputeProgress>
{
    private readonly Lock _lock = new();
    private readonly List<ComputeProgress> _reports = [];

    public IReadOnlyList<ComputeProgress> Reports
    {
        get
        {
            lock (_lock)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(ComputeProgress value)
    {
        lock (_lock)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
