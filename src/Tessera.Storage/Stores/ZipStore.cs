using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Tessera.Stores;

/// <summary>
/// A store over one .zip file, as zarr-python's <c>zarr.storage.ZipStore</c> writes it: key <c>a/b/c</c>
/// is the entry named <c>a/b/c</c>, and folders are implied by the names. Stored and deflated entries
/// are read; a range of a stored entry is read straight from the file.
/// <para>
/// A zip cannot be changed in place safely, so a writable store (<see cref="ZipStoreMode.Create"/> or
/// <see cref="ZipStoreMode.Update"/>) keeps its sets and deletes in memory, where reads already see
/// them, and builds the archive anew on <see cref="CommitAsync"/> or when disposed: into a temporary
/// file beside the target that is then renamed over it. A failed or cancelled commit leaves the
/// previous archive (or none) in place, never a partial one. Entries are written stored
/// (uncompressed), as zarr-python does: chunks are compressed already, and stored entries keep
/// ranged reads cheap.
/// </para>
/// Instances are thread-safe.
/// </summary>
public sealed partial class ZipStore : IStore, IAsyncDisposable, IDisposable
{
    // Changes since the last commit; a null value marks a deleted key.
    private readonly ConcurrentDictionary<string, byte[]?> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _commitLock = new(1, 1);
    private ZipStoreArchive? _archive;
    private bool _mustWrite;
    private int _disposed;

    /// <summary>Opens the zip file at <paramref name="path"/> read-only.</summary>
    /// <exception cref="FileNotFoundException">There is no file at the path.</exception>
    /// <exception cref="ZipStoreException">The file is not a zip archive, or is damaged or split.</exception>
    public ZipStore(string path)
        : this(path, ZipStoreMode.Read)
    {
    }

    /// <summary>Opens the zip file at <paramref name="path"/> for reading or, by <paramref name="mode"/>, for writing.</summary>
    /// <exception cref="FileNotFoundException">The mode is <see cref="ZipStoreMode.Read"/> and there is no file at the path.</exception>
    /// <exception cref="ZipStoreException">The mode reads the file, and it is not a zip archive, or is damaged or split.</exception>
    public ZipStore(string path, ZipStoreMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Expected Read, Create or Update.");
        }

        Path = System.IO.Path.GetFullPath(path);
        Mode = mode;
        if (mode == ZipStoreMode.Read || (mode == ZipStoreMode.Update && File.Exists(Path)))
        {
            _archive = ZipStoreArchive.Open(Path);
        }

        // A created store writes its archive even if nothing is set, like zarr-python's mode 'w'.
        _mustWrite = mode == ZipStoreMode.Create;
    }

    /// <summary>The zip file.</summary>
    public string Path { get; }

    /// <summary>How the store was opened.</summary>
    public ZipStoreMode Mode { get; }

    /// <summary>
    /// Read-only stores list and read ranges. Writable ones also set and delete, and their writes are
    /// atomic: readers in this process see whole values, and the file changes only by a rename.
    /// </summary>
    public StoreCapabilities Capabilities =>
        Mode == ZipStoreMode.Read
            ? StoreCapabilities.Listable | StoreCapabilities.PartialReads
            : StoreCapabilities.Writable | StoreCapabilities.Deletable | StoreCapabilities.Listable |
              StoreCapabilities.PartialReads | StoreCapabilities.AtomicWrites;

    /// <summary>Whether there are sets or deletes that <see cref="CommitAsync"/> has not yet written.</summary>
    public bool HasPendingChanges => !_pending.IsEmpty || Volatile.Read(ref _mustWrite);

    /// <inheritdoc/>
    public string Describe(string key) => key.Length == 0 ? Path : $"{Path}!/{key}";

    /// <inheritdoc/>
    public async ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();

        // Pending changes first, then the archive: a commit swaps the archive before it drops the changes
        // it wrote, so a key missing here is in whichever archive is current now.
        if (_pending.TryGetValue(key, out byte[]? pending))
        {
            return pending is null ? null : Slice(pending, range);
        }

        var archive = AcquireArchive();
        if (archive is null)
        {
            return null;
        }

        try
        {
            return await archive.ReadAsync(key, range, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            archive.Release();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The store was opened with <see cref="ZipStoreMode.Read"/>.</exception>
    public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        ThrowIfReadOnly();
        cancellationToken.ThrowIfCancellationRequested();
        _pending[key] = value.ToArray();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The store was opened with <see cref="ZipStoreMode.Read"/>.</exception>
    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        ThrowIfReadOnly();
        cancellationToken.ThrowIfCancellationRequested();
        if (!_pending.ContainsKey(key) && !ArchiveContains(key))
        {
            return ValueTask.FromResult(false); // Nothing to delete, so nothing for the next commit to do.
        }

        bool existed = false;
        _pending.AddOrUpdate(
            key,
            k => { existed = ArchiveContains(k); return null; },
            (_, old) => { existed = old is not null; return null; });
        return ValueTask.FromResult(existed);
    }

    /// <inheritdoc/>
    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        bool exists = _pending.TryGetValue(key, out byte[]? pending) ? pending is not null : ArchiveContains(key);
        return ValueTask.FromResult(exists);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreKey.ValidatePrefix(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        var (changed, archived) = Snapshot();
        foreach (var (key, value) in changed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (value is not null && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return key;
            }
        }

        // The archive's keys are sorted, so the prefix selects one run of them.
        for (int i = LowerBound(archived, prefix); i < archived.Length && archived[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!changed.ContainsKey(archived[i]))
            {
                yield return archived[i];
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListChildrenAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string prefix = StoreKey.FolderPrefix(folder);
        cancellationToken.ThrowIfCancellationRequested();
        var (changed, archived) = Snapshot();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in changed)
        {
            if (value is not null && key.StartsWith(prefix, StringComparison.Ordinal) && seen.Add(ChildOf(key, prefix.Length)))
            {
                yield return ChildOf(key, prefix.Length);
            }
        }

        int i = LowerBound(archived, prefix);
        while (i < archived.Length && archived[i].StartsWith(prefix, StringComparison.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string key = archived[i];
            int slash = key.IndexOf('/', prefix.Length);

            // A child with keys below it: jump over its whole subtree ('0' is the character after '/'),
            // so listing a folder of many chunk folders does not visit every chunk.
            int next = slash < 0 ? i + 1 : LowerBound(archived, string.Concat(key.AsSpan(0, slash), "0"), i);
            string child = ChildOf(key, prefix.Length);
            if (!seen.Contains(child) && AnyUnchanged(archived, i, next, changed))
            {
                seen.Add(child);
                yield return child;
            }

            i = next;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Writes pending changes (if any) and releases the file.</summary>
    /// <exception cref="IOException">The archive could not be written; the previous one is unchanged.</exception>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Mode != ZipStoreMode.Read && Volatile.Read(ref _disposed) == 0)
            {
                await CommitAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Writes pending changes (if any) and releases the file; prefer <see cref="DisposeAsync"/>.</summary>
    /// <exception cref="IOException">The archive could not be written; the previous one is unchanged.</exception>
    public void Dispose()
    {
        try
        {
            if (Mode != ZipStoreMode.Read && Volatile.Read(ref _disposed) == 0)
            {
                _commitLock.Wait();
                try
                {
                    // Dispose is synchronous by contract; DisposeAsync avoids this block.
                    CommitCoreAsync(CancellationToken.None).GetAwaiter().GetResult();
                }
                finally
                {
                    _commitLock.Release();
                }
            }
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Interlocked.Exchange(ref _archive, null)?.Release();
        }
    }

    private static StoreValue Slice(byte[] value, ByteRange? range)
    {
        // Pending values are replaced whole and never mutated, so a view needs no copy.
        var memory = value.AsMemory();
        if (range is { } r)
        {
            var (offset, length) = r.Resolve(value.Length);
            memory = memory.Slice((int)offset, (int)length);
        }

        return StoreValue.FromImmutable(memory);
    }

    private ZipStoreArchive? AcquireArchive()
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var archive = Volatile.Read(ref _archive);
            if (archive is null || archive.TryAcquire())
            {
                return archive;
            }

            // A commit released this archive after swapping in the next one: read the field again.
        }
    }

    private bool ArchiveContains(string key)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Volatile.Read(ref _archive)?.Contains(key) ?? false;
    }

    /// <summary>The pending changes and the archive's keys, taken in that order for the same reason as in GetAsync.</summary>
    private (Dictionary<string, byte[]?> Changed, string[] Archived) Snapshot()
    {
        var changed = new Dictionary<string, byte[]?>(_pending, StringComparer.Ordinal);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return (changed, Volatile.Read(ref _archive)?.Keys ?? []);
    }

    private static string ChildOf(string key, int start)
    {
        int slash = key.IndexOf('/', start);
        return slash < 0 ? key[start..] : key[start..slash];
    }

    /// <summary>Whether a key of <paramref name="keys"/>[<paramref name="from"/>..<paramref name="to"/>) is neither replaced nor deleted.</summary>
    private static bool AnyUnchanged(string[] keys, int from, int to, Dictionary<string, byte[]?> changed)
    {
        for (int i = from; i < to; i++)
        {
            if (!changed.ContainsKey(keys[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int LowerBound(string[] sorted, string value, int low = 0)
    {
        int high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (string.CompareOrdinal(sorted[middle], value) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void ThrowIfReadOnly()
    {
        if (Mode == ZipStoreMode.Read)
        {
            throw new NotSupportedException($"The zip store '{Path}' is open read-only. Open it with {nameof(ZipStoreMode)}.{nameof(ZipStoreMode.Update)} to change it, or {nameof(ZipStoreMode)}.{nameof(ZipStoreMode.Create)} to replace it.");
        }
    }
}
