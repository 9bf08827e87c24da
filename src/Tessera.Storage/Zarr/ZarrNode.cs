using System.Text.Json.Nodes;
using Tessera.Stores;

namespace Tessera.Zarr;

/// <summary>An array or group in a Zarr v2 hierarchy: a store and the key prefix of the node.</summary>
public abstract class ZarrNode
{
    /// <summary>The name of the attributes document.</summary>
    public const string AttributesKey = ".zattrs";

    /// <summary>The name of the group metadata document.</summary>
    public const string GroupKey = ".zgroup";

    private protected ZarrNode(IStore store, string path)
    {
        Store = store;
        Path = path;
    }

    /// <summary>The store that holds the node.</summary>
    public IStore Store { get; }

    /// <summary>The node's key prefix in <see cref="Store"/> ("" for the store's root).</summary>
    public string Path { get; }

    /// <summary>Where the node lives (its folder), for messages.</summary>
    public string Location => Store.Describe(Path);

    /// <summary>
    /// Opens the array or group in folder <paramref name="folder"/>.
    /// </summary>
    /// <exception cref="TesseraException">The folder does not exist or holds no Zarr v2 node.</exception>
    /// <exception cref="ZarrFormatException">The metadata is malformed or unsupported.</exception>
    public static async Task<ZarrNode> OpenAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (File.Exists(folder))
        {
            throw new TesseraException($"'{folder}' is a file; pass the folder of a Zarr array or group (the one holding .zarray or .zgroup).");
        }

        if (!Directory.Exists(folder))
        {
            throw new TesseraException($"'{folder}' does not exist. Check the path; it must be the folder of a Zarr array or group.");
        }

        return await OpenAsync(new FileSystemStore(folder), "", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the array or group at <paramref name="path"/> of <paramref name="store"/>.</summary>
    /// <exception cref="ZarrFormatException">There is no Zarr v2 node there, or its metadata is malformed or unsupported.</exception>
    public static async Task<ZarrNode> OpenAsync(IStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.ExistsAsync(StoreKey.Join(path, ZarrV2Metadata.ArrayKey), cancellationToken).ConfigureAwait(false))
        {
            return await ZarrArray.OpenAsync(store, path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (await store.ExistsAsync(StoreKey.Join(path, GroupKey), cancellationToken).ConfigureAwait(false))
        {
            return await ZarrGroup.OpenAsync(store, path, cancellationToken).ConfigureAwait(false);
        }

        string hint = await store.ExistsAsync(StoreKey.Join(path, "zarr.json"), cancellationToken).ConfigureAwait(false)
            ? " It holds zarr.json, a Zarr v3 node, which this version of Tessera does not read yet."
            : " Pass the folder of an array or group.";
        throw new ZarrFormatException($"'{store.Describe(path)}' is not a Zarr v2 array or group: it has no {ZarrV2Metadata.ArrayKey} or {GroupKey}.{hint}");
    }

    /// <summary>The node's attributes (<c>.zattrs</c>); empty when there are none.</summary>
    /// <exception cref="ZarrFormatException">The attributes are not a JSON object.</exception>
    public async Task<JsonObject> ReadAttributesAsync(CancellationToken cancellationToken = default)
    {
        string key = StoreKey.Join(Path, AttributesKey);
        using var value = await Store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return value is null ? [] : ZarrJson.ParseObject(value.Span, Store.Describe(key));
    }

    /// <summary>Replaces the node's attributes (<c>.zattrs</c>).</summary>
    public async Task WriteAttributesAsync(JsonObject attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        await Store.SetAsync(StoreKey.Join(Path, AttributesKey), ZarrJson.ToBytes(attributes), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a required metadata document, or throws naming the file. Dispose the result.</summary>
    private protected static async Task<StoreValue> ReadRequiredAsync(IStore store, string key, CancellationToken cancellationToken) =>
        await store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new ZarrFormatException($"'{store.Describe(key)}' does not exist; it is required here.");
}
