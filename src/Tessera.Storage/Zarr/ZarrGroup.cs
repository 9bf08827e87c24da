using System.Text.Json.Nodes;
using Tessera.Stores;

namespace Tessera.Zarr;

/// <summary>A Zarr v2 group: a <c>.zgroup</c> document and member arrays and groups below it.</summary>
public sealed class ZarrGroup : ZarrNode
{
    private ZarrGroup(IStore store, string path)
        : base(store, path)
    {
    }

    /// <summary>Opens the group at <paramref name="path"/>.</summary>
    /// <exception cref="ZarrFormatException">There is no valid <c>.zgroup</c> there.</exception>
    public static new async Task<ZarrGroup> OpenAsync(IStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string key = StoreKey.Join(path, GroupKey);
        using var value = await ReadRequiredAsync(store, key, cancellationToken).ConfigureAwait(false);
        var document = ZarrJson.ParseObject(value.Span, store.Describe(key));
        int format = ZarrJson.GetInt(document, "zarr_format", store.Describe(key));
        if (format != 2)
        {
            throw new ZarrFormatException($"'{store.Describe(key)}': zarr_format is {format}; a .zgroup document must say 2.");
        }

        return new ZarrGroup(store, path);
    }

    /// <summary>Creates a group at <paramref name="path"/> (writing <c>.zgroup</c>).</summary>
    public static async Task<ZarrGroup> CreateAsync(IStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.SetAsync(StoreKey.Join(path, GroupKey), ZarrJson.ToBytes(new JsonObject { ["zarr_format"] = 2 }), cancellationToken).ConfigureAwait(false);
        return new ZarrGroup(store, path);
    }

    /// <summary>The direct members of the group, sorted by name.</summary>
    public async Task<IReadOnlyList<ZarrMember>> ListMembersAsync(CancellationToken cancellationToken = default)
    {
        var members = new SortedDictionary<string, ZarrMemberKind>(StringComparer.Ordinal);
        await foreach (string child in Store.ListChildrenAsync(Path, cancellationToken).ConfigureAwait(false))
        {
            string childPath = StoreKey.Join(Path, child);
            if (await Store.ExistsAsync(StoreKey.Join(childPath, ZarrV2Metadata.ArrayKey), cancellationToken).ConfigureAwait(false))
            {
                members[child] = ZarrMemberKind.Array;
            }
            else if (await Store.ExistsAsync(StoreKey.Join(childPath, GroupKey), cancellationToken).ConfigureAwait(false))
            {
                members[child] = ZarrMemberKind.Group;
            }
        }

        return [.. members.Select(m => new ZarrMember(m.Key, m.Value))];
    }
}
