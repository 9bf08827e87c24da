using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr.V3;

namespace Tessera.Zarr;

/// <content>
/// Zarr v3 consolidated metadata: the root group's <c>zarr.json</c> holds
/// <c>"consolidated_metadata": {"kind": "inline", "must_understand": false, "metadata": {...}}</c>, whose
/// <c>metadata</c> maps each descendant's path (e.g. <c>"0"</c>, <c>"labels/cells"</c>) to its whole
/// <c>zarr.json</c>, keys sorted by depth and then by name, as zarr-python 3 writes them.
/// </content>
public sealed partial class ConsolidatedStore
{
    private static async Task<ConsolidatedStore> OpenV3Async(IStore inner, string root, CancellationToken cancellationToken)
    {
        string key = StoreKey.Join(root, ZarrV3Node.MetadataKey);
        string source = inner.Describe(key);
        using var value = await inner.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new ZarrFormatException(
                $"'{inner.Describe(StoreKey.Join(root, DocumentKey))}' does not exist, nor does '{source}': the hierarchy has no consolidated metadata (Zarr v2 keeps it in {DocumentKey}, Zarr v3 in the root {ZarrV3Node.MetadataKey}). Open it without consolidation, or write it with ConsolidatedStore.ConsolidateAsync (zarr-python: zarr.consolidate_metadata).");
        var document = ZarrJson.ParseObject(value.Span, source);
        if (document[V3Field] is not JsonObject consolidated)
        {
            throw new ZarrFormatException(
                $"'{source}': field '{V3Field}' is {(document[V3Field] is null ? "absent" : document[V3Field]!.ToJsonString())}; the hierarchy has no consolidated metadata. Open it without consolidation, or consolidate it first.");
        }

        if (consolidated["kind"] is not JsonValue kind || kind.GetValueKind() != JsonValueKind.String || kind.GetValue<string>() != "inline")
        {
            throw new ZarrFormatException($"'{source}': {V3Field}.kind is {consolidated["kind"]?.ToJsonString() ?? "absent"}; the only kind is \"inline\".");
        }

        if (consolidated["metadata"] is not JsonObject entries)
        {
            throw new ZarrFormatException($"'{source}': {V3Field}.metadata is missing or not an object; it maps paths such as \"0\" to their zarr.json documents.");
        }

        var metadata = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (path, node) in entries)
        {
            if (node is not JsonObject entry || !IsValidPath(path))
            {
                throw new ZarrFormatException($"'{source}': {V3Field}.metadata entry \"{path}\" must map a relative path to a zarr.json object; found {node?.ToJsonString() ?? "null"}.");
            }

            metadata[StoreKey.Join(path, ZarrV3Node.MetadataKey)] = Entry((JsonObject)entry.DeepClone(), ZarrFormat.V3);
        }

        return new ConsolidatedStore(inner, root, ZarrFormat.V3, metadata);
    }

    /// <summary>Writes the root <c>zarr.json</c> as given, with this store's consolidated metadata put back in.</summary>
    private async Task SetRootDocumentAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var document = ZarrJson.ParseObject(value.Span, _inner.Describe(key));
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteRootDocumentAsync(document, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _write.Release();
        }
    }

    private async Task WriteRootDocumentAsync(JsonObject document, CancellationToken cancellationToken)
    {
        var entries = new JsonObject();
        lock (_metadata)
        {
            var byDepth = _metadata
                .Select(e => (Path: e.Key[..^(ZarrV3Node.MetadataKey.Length + 1)], Node: e.Value))
                .OrderBy(e => e.Path.Count(c => c == '/'))
                .ThenBy(e => e.Path, StringComparer.Ordinal);
            foreach (var (path, node) in byDepth)
            {
                entries[path] = node.DeepClone();
            }
        }

        document[V3Field] = new JsonObject { ["kind"] = "inline", ["must_understand"] = false, ["metadata"] = entries };
        await _inner.SetAsync(DocumentPath, ZarrJson.ToBytes(document), cancellationToken).ConfigureAwait(false);
    }

    private static bool IsValidPath(string path)
    {
        try
        {
            StoreKey.Validate(path);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
