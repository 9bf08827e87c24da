namespace Tessera.Stores;

/// <summary>
/// A key-value store of byte strings, the storage contract under every format. Keys are
/// <c>/</c>-separated relative paths such as <c>data/0.0.0</c>. Implementations are thread-safe.
/// </summary>
public interface IStore
{
    /// <summary>What this store can do.</summary>
    StoreCapabilities Capabilities { get; }

    /// <summary>Where <paramref name="key"/> lives, for error messages (a file path or a URI).</summary>
    string Describe(string key);

    /// <summary>
    /// Reads the value of <paramref name="key"/>, or the part of it that <paramref name="range"/> selects
    /// (clipped to the value's length); null when the key does not exist. Dispose the result to return
    /// its memory to the pool.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not a valid store key.</exception>
    /// <exception cref="NotSupportedException">A range was given and the store lacks <see cref="StoreCapabilities.PartialReads"/>.</exception>
    ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="value"/> under <paramref name="key"/>, replacing any value whole.</summary>
    /// <exception cref="NotSupportedException">The store is read-only.</exception>
    ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="key"/>; returns whether it existed.</summary>
    /// <exception cref="NotSupportedException">The store cannot delete.</exception>
    ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="key"/> exists.</summary>
    ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every key that starts with <paramref name="prefix"/> (in no particular order); "" lists all.</summary>
    /// <exception cref="ArgumentException">No valid key can start with <paramref name="prefix"/> (for example <c>../</c> or <c>/a</c>).</exception>
    /// <exception cref="NotSupportedException">The store cannot list.</exception>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// The distinct names of the direct children of <paramref name="folder"/> ("" for the root): the next
    /// key segment of every key below it, whether that segment is a value or has keys below it. Unlike
    /// <see cref="ListAsync"/> this does not walk the subtree, so it stays fast over folders of many chunks.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is not "" or a valid key.</exception>
    /// <exception cref="NotSupportedException">The store cannot list.</exception>
    IAsyncEnumerable<string> ListChildrenAsync(string folder, CancellationToken cancellationToken = default);
}
