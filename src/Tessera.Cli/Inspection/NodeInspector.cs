using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Inspection;

/// <summary>Gathers what <c>tessera info</c> reports, separately from how it is printed.</summary>
internal static class NodeInspector
{
    /// <summary>Opens the node in <paramref name="folder"/> and describes it.</summary>
    /// <exception cref="TesseraException">The folder does not exist, is not Zarr, or its metadata is malformed.</exception>
    public static async Task<NodeInfo> InspectAsync(string folder, CancellationToken cancellationToken)
    {
        var node = await ZarrNode.OpenAsync(folder, cancellationToken).ConfigureAwait(false);
        var attributes = await node.ReadAttributesAsync(cancellationToken).ConfigureAwait(false);
        if (node is ZarrArray array)
        {
            var stored = await StoredChunks.CountAsync(array, cancellationToken).ConfigureAwait(false);
            long decoded = checked(ShapeMath.Product(array.Shape) * array.DataType.ItemSize);
            return new ArrayInfo(array.Location, attributes, array, array.Grid.GridShape.ToArray(), array.Grid.ChunkCount, stored, decoded);
        }

        var group = (ZarrGroup)node;
        var members = new List<MemberInfo>();
        foreach (var member in await group.ListMembersAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(await DescribeMemberAsync(group, member, cancellationToken).ConfigureAwait(false));
        }

        try
        {
            return new GroupInfo(group.Location, attributes, members, group.Format, await DescribeImageAsync(group, attributes, cancellationToken).ConfigureAwait(false));
        }
        catch (ZarrFormatException ex)
        {
            // Broken image metadata must not hide the group; the error is shown in its place.
            return new GroupInfo(group.Location, attributes, members, group.Format, null, ex.Message);
        }
    }

    /// <summary>The group's OME-NGFF image and its level arrays, or null when the group holds none.</summary>
    /// <exception cref="ZarrFormatException">The NGFF metadata breaks a rule of the spec.</exception>
    private static async Task<OmeInfo?> DescribeImageAsync(ZarrGroup group, System.Text.Json.Nodes.JsonObject attributes, CancellationToken cancellationToken)
    {
        string source = group.Store.Describe(StoreKey.Join(group.Path, group.Format == ZarrFormat.V3 ? "zarr.json" : ZarrNode.AttributesKey));
        if (Ngff.NgffImage.FromAttributes(attributes, source) is not { } image)
        {
            return null;
        }

        var levels = new List<ZarrArray?>();
        foreach (var dataset in image.Multiscales[0].Datasets)
        {
            try
            {
                levels.Add(await ZarrArray.OpenAsync(group.Store, StoreKey.Join(group.Path, dataset.Path), cancellationToken: cancellationToken).ConfigureAwait(false));
            }
            catch (TesseraException)
            {
                levels.Add(null);
            }
        }

        return new OmeInfo(image, levels);
    }

    private static async Task<MemberInfo> DescribeMemberAsync(ZarrGroup group, ZarrMember member, CancellationToken cancellationToken)
    {
        if (member.Kind == ZarrMemberKind.Group)
        {
            return new MemberInfo(member.Name, member.Kind, null, null);
        }

        try
        {
            var array = await ZarrArray.OpenAsync(group.Store, StoreKey.Join(group.Path, member.Name), cancellationToken: cancellationToken).ConfigureAwait(false);
            return new MemberInfo(member.Name, member.Kind, array, null);
        }
        catch (TesseraException ex)
        {
            // One broken member must not hide the rest of the group; its error is listed in its row.
            return new MemberInfo(member.Name, member.Kind, null, ex.Message);
        }
    }
}
