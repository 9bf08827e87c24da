using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr.V3;

namespace Tessera.Zarr;

/// <summary>An array or group in a Zarr v2 or v3 hierarchy: a store, the key prefix of the node and its format.</summary>
public abstract class ZarrNode
{
    /// <summary>The name of the attributes document.</summary>
    public const string AttributesKey = ".zattrs";

    /// <summary>The name of the group metadata document.</summary>
    public const string GroupKey = ".zgroup";

    private protected ZarrNode(IStore store, string path, ZarrFormat format)
    {
        Store = store;
        Path = path;
        Format = format;
    }

    /// <summary>The node's Zarr format.</summary>
    public ZarrFormat Format { get; }

    /// <summary>The store that holds the node.</summary>
    public IStore Store { get; }

    /// <summary>The node's key prefix in <see cref="Store"/> ("" for the store's root).</summary>
    public string Path { get; }

    /// <summary>Where the node lives (its folder), for messages.</summary>
    public string Location => Store.Describe(Path);

    /// <summary>
    /// Opens the array or group in folder <paramref name="folder"/>.
    /// </summary>
    /// <exception cref="TesseraException">The folder does not exist or holds no Zarr node.</exception>
    /// <exception cref="ZarrFormatException">The metadata is malformed or unsupported.</exception>
    public static async Task<ZarrNode> OpenAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (File.Exists(folder))
        {
            throw new TesseraException($"'{folder}' is a file; pass the folder of a Zarr array or group (the one holding .zarray, .zgroup or zarr.json).");
        }

        if (!Directory.Exists(folder))
        {
            throw new TesseraException($"'{folder}' does not exist. Check the path; it must be the folder of a Zarr array or group.");
        }

        return await OpenAsync(new FileSystemStore(folder), "", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the v2 or v3 array or group at <paramref name="path"/> of <paramref name="store"/>.</summary>
    /// <exception cref="ZarrFormatException">There is no Zarr node there, or its metadata is malformed or unsupported.</exception>
    public static async Task<ZarrNode> OpenAsync(IStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        switch (await ProbeAsync(store, path, cancellationToken).ConfigureAwait(false))
        {
            case ZarrMemberKind.Array:
                return await ZarrArray.OpenAsync(store, path, cancellationToken: cancellationToken).ConfigureAwait(false);
            case ZarrMemberKind.Group:
                return await ZarrGroup.OpenAsync(store, path, cancellationToken).ConfigureAwait(false);
            default:
                throw new ZarrFormatException(
                    $"'{store.Describe(path)}' is not a Zarr array or group: it has no {ZarrV2Metadata.ArrayKey} or {GroupKey} (Zarr v2) and no {ZarrV3Node.MetadataKey} (Zarr v3). Pass the folder of an array or group.");
        }
    }

    /// <summary>The node's attributes (<c>.zattrs</c> in v2, <c>attributes</c> of <c>zarr.json</c> in v3); empty when there are none.</summary>
    /// <exception cref="ZarrFormatException">The attributes are not a JSON object.</exception>
    public async Task<JsonObject> ReadAttributesAsync(CancellationToken cancellationToken = default)
    {
        if (Format == ZarrFormat.V3)
        {
            var (document, source) = await ReadV3DocumentAsync(cancellationToken).ConfigureAwait(false);
            return V3Json.ReadAttributes(document, source);
        }

        string key = StoreKey.Join(Path, AttributesKey);
        using var value = await Store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return value is null ? [] : ZarrJson.ParseObject(value.Span, Store.Describe(key));
    }

    /// <summary>
    /// Replaces the node's attributes: <c>.zattrs</c> in v2; in v3 the <c>attributes</c> of <c>zarr.json</c>,
    /// rewritten whole with the rest of the document as stored.
    /// </summary>
    public async Task WriteAttributesAsync(JsonObject attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (Format == ZarrFormat.V3)
        {
            var (document, _) = await ReadV3DocumentAsync(cancellationToken).ConfigureAwait(false);
            document["attributes"] = attributes.DeepClone();
            await Store.SetAsync(StoreKey.Join(Path, ZarrV3Node.MetadataKey), ZarrJson.ToBytes(document), cancellationToken).ConfigureAwait(false);
            return;
        }

        await Store.SetAsync(StoreKey.Join(Path, AttributesKey), ZarrJson.ToBytes(attributes), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Which kind of node, of either format, is at <paramref name="path"/> of <paramref name="store"/>; null when none is.</summary>
    /// <exception cref="ZarrFormatException">A <c>zarr.json</c> there is not valid JSON or names no valid node type.</exception>
    public static async Task<ZarrMemberKind?> ProbeAsync(IStore store, string path, CancellationToken cancellationToken)
    {
        if (await store.ExistsAsync(StoreKey.Join(path, ZarrV2Metadata.ArrayKey), cancellationToken).ConfigureAwait(false))
        {
            return ZarrMemberKind.Array;
        }

        if (await store.ExistsAsync(StoreKey.Join(path, GroupKey), cancellationToken).ConfigureAwait(false))
        {
            return ZarrMemberKind.Group;
        }

        string key = StoreKey.Join(path, ZarrV3Node.MetadataKey);
        using var value = await store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            return null;
        }

        string source = store.Describe(key);
        return ZarrV3Node.ReadNodeType(ZarrJson.ParseObject(value.Span, source), source) == "array" ? ZarrMemberKind.Array : ZarrMemberKind.Group;
    }

    /// <summary>Reads a required metadata document, or throws naming the file. Dispose the result.</summary>
    private protected static async Task<StoreValue> ReadRequiredAsync(IStore store, string key, CancellationToken cancellationToken) =>
        await store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new ZarrFormatException($"'{store.Describe(key)}' does not exist; it is required here.");

    private async Task<(JsonObject Document, string Source)> ReadV3DocumentAsync(CancellationToken cancellationToken)
    {
        string key = StoreKey.Join(Path, ZarrV3Node.MetadataKey);
        using var value = await ReadRequiredAsync(Store, key, cancellationToken).ConfigureAwait(false);
        string source = Store.Describe(key);
        return (ZarrJson.ParseObject(value.Span, source), source);
    }
}
