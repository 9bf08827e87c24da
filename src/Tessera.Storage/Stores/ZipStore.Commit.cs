using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace Tessera.Stores;

/// <summary>Building the archive: <see cref="CommitAsync"/>.</summary>
public sealed partial class ZipStore
{
    /// <summary>The suffix of the temporary archive being built beside the target; a crash may leave one behind.</summary>
    public const string PartialSuffix = ".tessera-partial";

    /// <summary>
    /// Writes the archive: the entries of the current one that were not changed, then every value set
    /// since, all stored uncompressed and in key order. The archive is built in a temporary file beside
    /// <see cref="Path"/> and renamed over it, so the file is either the old archive or the whole new one.
    /// Sets and deletes made while a commit runs stay pending for the next. Does nothing when there are
    /// no pending changes.
    /// </summary>
    /// <exception cref="NotSupportedException">The store was opened with <see cref="ZipStoreMode.Read"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the file and the pending changes are unchanged.</exception>
    /// <exception cref="IOException">The archive could not be written; the file and the pending changes are unchanged.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfReadOnly();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _commitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CommitCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _commitLock.Release();
        }
    }

    /// <summary>Builds and swaps in the archive; the caller holds the commit lock.</summary>
    private async Task CommitCoreAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var changes = _pending.ToArray();
        if (changes.Length == 0 && !Volatile.Read(ref _mustWrite))
        {
            return;
        }

        var previous = AcquireArchive();
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        string temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}{PartialSuffix}");
        ZipStoreArchive? next = null;
        try
        {
            Directory.CreateDirectory(directory);
            await WriteArchiveAsync(temporary, previous, changes, cancellationToken).ConfigureAwait(false);

            // Parse what was written before it replaces anything, through a handle that survives the rename.
            next = ZipStoreArchive.Open(Path, OpenForReading(temporary));
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, Path, overwrite: true);
        }
        catch
        {
            next?.Release();
            TryDelete(temporary);
            throw;
        }
        finally
        {
            previous?.Release();
        }

        // Swap the archive in before dropping the changes it holds (see GetAsync). A change replaced
        // during the commit is a different array (or null), so TryRemove leaves it pending.
        Interlocked.Exchange(ref _archive, next)?.Release();
        Volatile.Write(ref _mustWrite, false);
        foreach (var change in changes)
        {
            _pending.TryRemove(change);
        }
    }

    private static async Task WriteArchiveAsync(string temporary, ZipStoreArchive? previous, KeyValuePair<string, byte[]?>[] changes, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, byte[]?>(changes, StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (string key in previous?.Keys ?? [])
        {
            if (!values.ContainsKey(key))
            {
                keys.Add(key);
            }
        }

        foreach (var (key, value) in changes)
        {
            if (value is not null)
            {
                keys.Add(key);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (string key in keys)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // NoCompression writes the stored method, which zarr-python also uses and which ranged reads need.
                var entry = zip.CreateEntry(key, CompressionLevel.NoCompression);
                await using var destination = entry.Open();
                if (values.TryGetValue(key, out byte[]? value))
                {
                    await destination.WriteAsync(value, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await using var source = await previous!.OpenAsync(key, cancellationToken).ConfigureAwait(false);
                    await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // The rename must not reach the disk before the data does, or a crash could leave an empty archive.
        file.Flush(flushToDisk: true);
    }

    private static SafeFileHandle OpenForReading(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
