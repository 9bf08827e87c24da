using System.Collections.Concurrent;
using Tessera.Stores;

namespace Tessera.Arrays.Tests.Support;

/// <summary>A <see cref="MemoryStore"/> that records every key read, to check which chunks a graph reads.</summary>
internal sealed class CountingStore : IStore
{
    private readonly MemoryStore _inner = new();
    private readonly ConcurrentQueue<string> _reads = new();

    /// <summary>The keys read since the last <see cref="Reset"/>, in order, metadata included.</summary>
    public IReadOnlyList<string> Reads => [.. _reads];

    public StoreCapabilities Capabilities => _inner.Capabilities;

    /// <summary>Forgets the reads so far.</summary>
    public void Reset() => _reads.Clear();

    public string Describe(string key) => _inner.Describe(key);

    public ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        _reads.Enqueue(key);
        return _inner.GetAsync(key, range, cancellationToken);
    }

    public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => _inner.SetAsync(key, value, cancellationToken);

    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => _inner.DeleteAsync(key, cancellationToken);

    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => _inner.ExistsAsync(key, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListAsync(prefix, cancellationToken);

    public IAsyncEnumerable<string> ListChildrenAsync(string folder, CancellationToken cancellationToken = default) => _inner.ListChildrenAsync(folder, cancellationToken);
}
