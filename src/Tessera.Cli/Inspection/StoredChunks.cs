using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Inspection;

/// <summary>The chunks of an array that exist in its store, found by listing, and their stored size.</summary>
/// <param name="Count">How many chunk keys exist.</param>
/// <param name="Bytes">Their total stored (encoded) size in bytes.</param>
internal readonly record struct StoredChunks(long Count, long Bytes)
{
    /// <summary>Lists the store under <paramref name="array"/> and counts the keys that name a chunk of its grid.</summary>
    public static async Task<StoredChunks> CountAsync(ZarrArray array, CancellationToken cancellationToken)
    {
        string prefix = array.Path.Length == 0 ? "" : array.Path + "/";
        long count = 0;
        long bytes = 0;
        await foreach (string key in array.Store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (array.TryParseChunkKey(key[prefix.Length..], out _))
            {
                count++;
                bytes += await SizeOfAsync(array.Store, key, cancellationToken).ConfigureAwait(false);
            }
        }

        return new StoredChunks(count, bytes);
    }

    private static async ValueTask<long> SizeOfAsync(IStore store, string key, CancellationToken cancellationToken)
    {
        if (store is FileSystemStore files)
        {
            var file = new FileInfo(files.Describe(key));
            return file.Exists ? file.Length : 0;
        }

        using var value = await store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return value?.Length ?? 0;
    }
}
