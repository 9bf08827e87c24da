using System.Runtime.CompilerServices;

namespace Tessera.Stores;

/// <summary>
/// A store over a folder: key <c>a/b/c</c> is the file <c>ROOT/a/b/c</c>. Writes go to a temporary file
/// in the same folder that is then renamed over the target, so a reader (or a crash) never sees a
/// partly written value.
/// </summary>
public sealed class FileSystemStore : IStore
{
    /// <summary>The suffix of temporary files being written; listing skips them.</summary>
    public const string PartialSuffix = ".tessera-partial";

    /// <summary>Opens (without creating) the store rooted at <paramref name="root"/>.</summary>
    public FileSystemStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folder that holds the keys.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public StoreCapabilities Capabilities =>
        StoreCapabilities.Writable | StoreCapabilities.Deletable | StoreCapabilities.Listable |
        StoreCapabilities.PartialReads | StoreCapabilities.AtomicWrites;

    /// <inheritdoc/>
    public string Describe(string key) => key.Length == 0 ? Root : PathOf(key);

    /// <inheritdoc/>
    public async ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException && !File.Exists(path))
        {
            return null;
        }

        using (handle)
        {
            long total = RandomAccess.GetLength(handle);
            var (offset, length) = range?.Resolve(total) ?? (0, total);
            if (length > Array.MaxLength)
            {
                throw new IOException($"'{path}' holds {length} bytes, more than one read can return; read it in ranges.");
            }

            var value = StoreValue.Rent((int)length);
            try
            {
                int read = 0;
                while (read < length)
                {
                    int n = await RandomAccess.ReadAsync(handle, value.WritableMemory[read..], offset + read, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break; // The file shrank while we read: return what is there.
                    }

                    read += n;
                }

                value.Truncate(read);
                return value;
            }
            catch
            {
                value.Dispose();
                throw;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        string directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{PartialSuffix}");
        try
        {
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous))
            {
                await RandomAccess.WriteAsync(handle, value, 0, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(path))
        {
            return ValueTask.FromResult(false);
        }

        File.Delete(path);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc/>
    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(File.Exists(path));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreKey.ValidatePrefix(prefix);
        cancellationToken.ThrowIfCancellationRequested();

        // Start at the deepest folder the prefix names, so listing a subtree does not walk the whole store.
        int slash = prefix.LastIndexOf('/');
        string folderKey = slash < 0 ? "" : prefix[..slash];
        string start = folderKey.Length == 0 ? Root : Path.Combine(Root, folderKey.Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(start))
        {
            yield break;
        }

        foreach (string file in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.EndsWith(PartialSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            string key = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return key;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListChildrenAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreKey.FolderPrefix(folder);
        string path = folder.Length == 0 ? Root : PathOf(folder);
        if (!Directory.Exists(path))
        {
            yield break;
        }

        foreach (string entry in Directory.EnumerateFileSystemEntries(path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!entry.EndsWith(PartialSuffix, StringComparison.Ordinal))
            {
                yield return Path.GetFileName(entry);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private string PathOf(string key)
    {
        StoreKey.Validate(key);
        return Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file, which listing ignores.
        }
    }
}
