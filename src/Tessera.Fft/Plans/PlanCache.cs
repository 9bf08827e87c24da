using System.Collections.Concurrent;

namespace Tessera.Fft.Plans;

/// <summary>
/// A thread-safe cache of immutable plans by length. <see cref="Lazy{T}"/> makes sure a plan is
/// built once even when many threads ask for a new length together, and every caller gets the
/// same object.
/// </summary>
internal sealed class PlanCache<TPlan>(Func<int, TPlan> create)
    where TPlan : class
{
    private readonly ConcurrentDictionary<int, Lazy<TPlan>> _plans = new();

    public TPlan Get(int length) =>
        _plans.GetOrAdd(length, static (n, f) => new Lazy<TPlan>(() => f(n), LazyThreadSafetyMode.ExecutionAndPublication), create).Value;
}
