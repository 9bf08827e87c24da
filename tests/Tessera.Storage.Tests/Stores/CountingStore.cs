using System.Collections.Concurrent;
using Tessera.Stores;

namespace Tessera.Storage.Tests.Stores;

/// <summary>
/// Wraps a store and records every <see cref="GetAsync"/>: the key, the byte range asked for and the number of
/// bytes returned, so that tests can check how much a reader fetches. Everything else passes through.
/// </summary>
internal sealed class CountingStore(IStore inner) : IStore
{
    private readonly ConcurrentQueue<Request> _requests = new();

    public StoreCapabilities Capabilities => inner.Capabilities;

    /// <summary>The gets since the last <see cref="Clear"/>, in order.</summary>
    public IReadOnlyList<Request> Requests => [.. _requests];

    /// <summary>The bytes all recorded gets returned.</summary>
    public long BytesReturned => _requests.Sum(r => (long)r.Returned);

    public void Clear() => _requests.Clear();

    public string Describe(string key) => inner.Describe(key);

    public async ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var value = await inner.GetAsync(key, range, cancellationToken);
        _requests.Enqueue(new Request(key, range, value?.Length ?? -1));
        return value;
    }

    public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => inner.SetAsync(key, value, cancellationToken);

    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public IAsyncEnumerable<string> ListChildrenAsync(string folder, CancellationToken cancellationToken = default) => inner.ListChildrenAsync(folder, cancellationToken);

    /// <summary>One get: the key, the range (null for the whole value) and the bytes returned (-1 when the key was missing).</summary>
    public sealed record Request(string Key, ByteRange? Range, int Returned);
}
