using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr.V3;

namespace Tessera.Zarr;

/// <summary>
/// A store that answers the metadata keys below a root from one consolidated document, as zarr-python's
/// <c>consolidate_metadata</c> writes it and <c>open_consolidated</c> reads it: for Zarr v2 the
/// <c>.zarray</c>, <c>.zgroup</c> and <c>.zattrs</c> documents gathered in <c>.zmetadata</c>; for Zarr v3
/// every descendant's <c>zarr.json</c> gathered in the root <c>zarr.json</c> under
/// <c>consolidated_metadata</c> (<c>{"kind": "inline", "must_understand": false, "metadata": {path: document}}</c>).
/// Opening a hierarchy then takes one read instead of one per node, and no listing, which matters on object
/// stores. Chunk keys, and metadata keys the document lacks, go to the underlying store. Writes go through to
/// the underlying store; metadata writes (of JSON objects) and deletes also update the document, which is
/// rewritten at once, so the two never disagree. Thread-safe.
/// </summary>
public sealed partial class ConsolidatedStore : IStore
{
    /// <summary>The consolidated document's name in Zarr v2.</summary>
    public const string DocumentKey = ".zmetadata";

    /// <summary>The field of the root <c>zarr.json</c> that holds Zarr v3 consolidated metadata.</summary>
    public const string V3Field = "consolidated_metadata";

    private readonly IStore _inner;
    private readonly string _root;
    private readonly SortedDictionary<string, JsonNode> _metadata;
    private readonly SemaphoreSlim _write = new(1);

    private ConsolidatedStore(IStore inner, string root, ZarrFormat format, SortedDictionary<string, JsonNode> metadata)
    {
        _inner = inner;
        _root = root;
        Format = format;
        _metadata = metadata;
    }

    /// <summary>Which format's consolidated metadata this is: <c>.zmetadata</c> (v2) or the root <c>zarr.json</c> (v3).</summary>
    public ZarrFormat Format { get; }

    private string DocumentPath => StoreKey.Join(_root, Format == ZarrFormat.V2 ? DocumentKey : ZarrV3Node.MetadataKey);

    /// <inheritdoc/>
    public StoreCapabilities Capabilities => _inner.Capabilities;

    /// <summary>The metadata keys the document holds, relative to the root, in order.</summary>
    public IReadOnlyList<string> MetadataKeys
    {
        get
        {
            lock (_metadata)
            {
                return [.. _metadata.Keys];
            }
        }
    }

    /// <summary>
    /// Opens the consolidated metadata at <paramref name="root"/> of <paramref name="inner"/>: <c>.zmetadata</c>
    /// when it exists, else the <c>consolidated_metadata</c> of the root <c>zarr.json</c>.
    /// </summary>
    /// <exception cref="ZarrFormatException">
    /// Neither exists, or the document is not JSON or lacks the fields the format requires
    /// (v2: <c>zarr_consolidated_format: 1</c> and a <c>metadata</c> object; v3: <c>kind: "inline"</c> and a <c>metadata</c> object).
    /// </exception>
    public static async Task<ConsolidatedStore> OpenAsync(IStore inner, string root = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inner);
        string key = StoreKey.Join(root, DocumentKey);
        string source = inner.Describe(key);
        using var value = await inner.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            return await OpenV3Async(inner, root, cancellationToken).ConfigureAwait(false);
        }

        var document = ZarrJson.ParseObject(value.Span, source);
        if (ZarrJson.GetInt(document, "zarr_consolidated_format", source) != 1)
        {
            throw new ZarrFormatException($"'{source}': zarr_consolidated_format is {document["zarr_consolidated_format"]}; this version of Tessera reads format 1.");
        }

        if (document["metadata"] is not JsonObject entries)
        {
            throw new ZarrFormatException($"'{source}': the \"metadata\" field is missing or not an object; it maps keys such as \"data/.zarray\" to their documents.");
        }

        var metadata = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (name, node) in entries)
        {
            if (!IsMetadataName(name, ZarrFormat.V2) || node is null)
            {
                throw new ZarrFormatException($"'{source}': metadata entry \"{name}\" is not a .zarray, .zgroup or .zattrs document.");
            }

            metadata[name] = node.DeepClone();
        }

        return new ConsolidatedStore(inner, root, ZarrFormat.V2, metadata);
    }

    /// <summary>
    /// Gathers the metadata below <paramref name="root"/> of <paramref name="inner"/> into the consolidated
    /// document (written atomically where the store is) and returns the consolidated view. A root with a
    /// <c>zarr.json</c> is consolidated as Zarr v3 (every descendant's <c>zarr.json</c>, into the root's), any
    /// other as Zarr v2 (every <c>.zarray</c>, <c>.zgroup</c> and <c>.zattrs</c>, into <c>.zmetadata</c>).
    /// </summary>
    /// <exception cref="ZarrFormatException">A metadata document is not valid JSON.</exception>
    public static async Task<ConsolidatedStore> ConsolidateAsync(IStore inner, string root = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var format = await inner.ExistsAsync(StoreKey.Join(root, ZarrV3Node.MetadataKey), cancellationToken).ConfigureAwait(false) ? ZarrFormat.V3 : ZarrFormat.V2;
        var metadata = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        string prefix = root.Length == 0 ? "" : StoreKey.FolderPrefix(root);
        await foreach (string key in inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            string relative = key[prefix.Length..];
            if (!IsMetadataName(relative, format))
            {
                continue;
            }

            using var value = await inner.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (value is not null)
            {
                metadata[relative] = Entry(ZarrJson.ParseObject(value.Span, inner.Describe(key)), format);
            }
        }

        var store = new ConsolidatedStore(inner, root, format, metadata);
        await store.WriteDocumentAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <inheritdoc/>
    public string Describe(string key) => _inner.Describe(key);

    /// <inheritdoc/>
    public async ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        if (!TryRelative(key, out string relative))
        {
            return await _inner.GetAsync(key, range, cancellationToken).ConfigureAwait(false);
        }

        byte[]? bytes = null;
        lock (_metadata)
        {
            if (_metadata.TryGetValue(relative, out var node))
            {
                bytes = ZarrJson.ToBytes(node);
            }
        }

        if (bytes is null)
        {
            return await _inner.GetAsync(key, range, cancellationToken).ConfigureAwait(false);
        }

        var memory = bytes.AsMemory();
        if (range is { } r)
        {
            var (offset, length) = r.Resolve(bytes.Length);
            memory = memory.Slice((int)offset, (int)length);
        }

        return StoreValue.FromImmutable(memory);
    }

    /// <inheritdoc/>
    public async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        if (Format == ZarrFormat.V3 && key == DocumentPath)
        {
            await SetRootDocumentAsync(key, value, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!TryRelative(key, out string relative))
        {
            await _inner.SetAsync(key, value, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Only JSON objects are metadata documents; anything else is stored as it is, outside the document.
        JsonObject? node = null;
        try
        {
            node = ZarrJson.ParseObject(value.Span, _inner.Describe(key));
        }
        catch (ZarrFormatException)
        {
        }

        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _inner.SetAsync(key, value, cancellationToken).ConfigureAwait(false);
            bool changed;
            lock (_metadata)
            {
                changed = node is not null ? _metadata.TryAdd(relative, Entry(node, Format)) || Replace(relative, Entry(node, Format)) : _metadata.Remove(relative);
            }

            if (changed)
            {
                await WriteDocumentAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _write.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        if (!TryRelative(key, out string relative))
        {
            return await _inner.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }

        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool deleted = await _inner.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            bool removed;
            lock (_metadata)
            {
                removed = _metadata.Remove(relative);
            }

            if (removed)
            {
                await WriteDocumentAsync(cancellationToken).ConfigureAwait(false);
            }

            return deleted || removed;
        }
        finally
        {
            _write.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        StoreKey.Validate(key);
        if (!TryRelative(key, out string relative))
        {
            return await _inner.ExistsAsync(key, cancellationToken).ConfigureAwait(false);
        }

        lock (_metadata)
        {
            if (_metadata.ContainsKey(relative))
            {
                return true;
            }
        }

        return await _inner.ExistsAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The document's keys first (a store without listing still shows the hierarchy), then the rest.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string key in AbsoluteMetadataKeys())
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && seen.Add(key))
            {
                yield return key;
            }
        }

        // The v2 document is how this store keeps its metadata, not a key of the hierarchy (v3 keeps it in the root's zarr.json, which is one).
        seen.Add(StoreKey.Join(_root, DocumentKey));
        await foreach (string key in _inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(key))
            {
                yield return key;
            }
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListChildrenAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string prefix = StoreKey.FolderPrefix(folder);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string key in AbsoluteMetadataKeys())
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                int end = key.IndexOf('/', prefix.Length);
                string child = end < 0 ? key[prefix.Length..] : key[prefix.Length..end];
                if (seen.Add(child))
                {
                    yield return child;
                }
            }
        }

        if (StoreKey.Join(_root, DocumentKey) == StoreKey.Join(folder, DocumentKey))
        {
            seen.Add(DocumentKey);
        }

        await foreach (string child in _inner.ListChildrenAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(child))
            {
                yield return child;
            }
        }
    }

    private bool Replace(string relative, JsonObject node)
    {
        _metadata[relative] = node;
        return true;
    }

    /// <summary>Whether <paramref name="key"/> (relative to the root) is a metadata document the consolidated document holds.</summary>
    private static bool IsMetadataName(string key, ZarrFormat format)
    {
        int slash = key.LastIndexOf('/');
        string name = slash < 0 ? key : key[(slash + 1)..];
        return format == ZarrFormat.V2
            ? name is ZarrV2Metadata.ArrayKey or ZarrNode.GroupKey or ZarrNode.AttributesKey
            : name == ZarrV3Node.MetadataKey && slash > 0;
    }

    /// <summary>A document as the consolidated metadata holds it: a v3 group's own consolidated metadata is dropped (the root's covers it).</summary>
    private static JsonObject Entry(JsonObject document, ZarrFormat format)
    {
        if (format == ZarrFormat.V3)
        {
            document.Remove(V3Field);
        }

        return document;
    }

    /// <summary>Whether <paramref name="key"/> is a metadata key below the root, and its path relative to the root.</summary>
    private bool TryRelative(string key, out string relative)
    {
        relative = "";
        string prefix = _root.Length == 0 ? "" : StoreKey.FolderPrefix(_root);
        if (!key.StartsWith(prefix, StringComparison.Ordinal) || !IsMetadataName(key[prefix.Length..], Format))
        {
            return false;
        }

        relative = key[prefix.Length..];
        return true;
    }

    private List<string> AbsoluteMetadataKeys()
    {
        lock (_metadata)
        {
            return [.. _metadata.Keys.Select(k => StoreKey.Join(_root, k))];
        }
    }

    private async Task WriteDocumentAsync(CancellationToken cancellationToken)
    {
        if (Format == ZarrFormat.V3)
        {
            string key = DocumentPath;
            using var value = await _inner.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new ZarrFormatException($"'{_inner.Describe(key)}' does not exist; the root group's zarr.json holds the consolidated metadata.");
            await WriteRootDocumentAsync(ZarrJson.ParseObject(value.Span, _inner.Describe(key)), cancellationToken).ConfigureAwait(false);
            return;
        }

        var entries = new JsonObject();
        lock (_metadata)
        {
            foreach (var (key, node) in _metadata)
            {
                entries[key] = node.DeepClone();
            }
        }

        var document = new JsonObject { ["metadata"] = entries, ["zarr_consolidated_format"] = 1 };
        await _inner.SetAsync(DocumentPath, ZarrJson.ToBytes(document), cancellationToken).ConfigureAwait(false);
    }
}
