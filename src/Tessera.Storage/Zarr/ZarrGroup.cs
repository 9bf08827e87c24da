using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr.V3;

namespace Tessera.Zarr;

/// <summary>A Zarr group: a <c>.zgroup</c> (v2) or group <c>zarr.json</c> (v3) document and the member arrays and groups below it.</summary>
public sealed class ZarrGroup : ZarrNode
{
    private ZarrGroup(IStore store, string path, ZarrFormat format)
        : base(store, path, format)
    {
    }

    /// <summary>Opens the v2 or v3 group at <paramref name="path"/>.</summary>
    /// <exception cref="ZarrFormatException">There is no valid <c>.zgroup</c> or group <c>zarr.json</c> there.</exception>
    public static new async Task<ZarrGroup> OpenAsync(IStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string key = StoreKey.Join(path, GroupKey);
        using var v2 = await store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (v2 is not null)
        {
            var document = ZarrJson.ParseObject(v2.Span, store.Describe(key));
            int format = ZarrJson.GetInt(document, "zarr_format", store.Describe(key));
            if (format != 2)
            {
                throw new ZarrFormatException($"'{store.Describe(key)}': zarr_format is {format}; a .zgroup document must say 2.");
            }

            return new ZarrGroup(store, path, ZarrFormat.V2);
        }

        string v3Key = StoreKey.Join(path, ZarrV3Node.MetadataKey);
        using var v3 = await ReadRequiredAsync(store, v3Key, cancellationToken).ConfigureAwait(false);
        ZarrV3Group.Parse(v3.Span, store.Describe(v3Key));
        return new ZarrGroup(store, path, ZarrFormat.V3);
    }

    /// <summary>Creates a group at <paramref name="path"/>: writes <c>.zgroup</c> (and <c>.zattrs</c> when there are attributes) for v2, <c>zarr.json</c> for v3.</summary>
    public static async Task<ZarrGroup> CreateAsync(IStore store, string path, ZarrFormat format = ZarrFormat.V2, JsonObject? attributes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (format == ZarrFormat.V3)
        {
            var document = new ZarrV3Group { Attributes = (JsonObject?)attributes?.DeepClone() ?? [] }.ToJson();
            await store.SetAsync(StoreKey.Join(path, ZarrV3Node.MetadataKey), ZarrJson.ToBytes(document), cancellationToken).ConfigureAwait(false);
            return new ZarrGroup(store, path, format);
        }

        await store.SetAsync(StoreKey.Join(path, GroupKey), ZarrJson.ToBytes(new JsonObject { ["zarr_format"] = 2 }), cancellationToken).ConfigureAwait(false);
        var group = new ZarrGroup(store, path, format);
        if (attributes is { Count: > 0 })
        {
            await group.WriteAttributesAsync(attributes, cancellationToken).ConfigureAwait(false);
        }

        return group;
    }

    /// <summary>The direct members of the group, of either format, sorted by name.</summary>
    public async Task<IReadOnlyList<ZarrMember>> ListMembersAsync(CancellationToken cancellationToken = default)
    {
        var members = new SortedDictionary<string, ZarrMemberKind>(StringComparer.Ordinal);
        await foreach (string child in Store.ListChildrenAsync(Path, cancellationToken).ConfigureAwait(false))
        {
            if (child is GroupKey or AttributesKey or ZarrV2Metadata.ArrayKey or ZarrV3Node.MetadataKey)
            {
                continue;
            }

            if (await ProbeAsync(Store, StoreKey.Join(Path, child), cancellationToken).ConfigureAwait(false) is { } kind)
            {
                members[child] = kind;
            }
        }

        return [.. members.Select(m => new ZarrMember(m.Key, m.Value))];
    }
}
