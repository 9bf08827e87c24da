using System.Text.Json.Nodes;
using Tessera.Ngff;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Images;

/// <summary>
/// An INPUT as the commands read it: a Zarr array (v2 or v3), or an OME-Zarr image group, whose level 0
/// (<c>datasets[0].path</c>) is then the array processed.
/// </summary>
/// <param name="Array">The array to process: INPUT itself, or the image's level 0.</param>
/// <param name="Image">The image's OME-NGFF metadata when INPUT is an OME-Zarr image group; null for an array.</param>
internal sealed record InputImage(ZarrArray Array, NgffImage? Image)
{
    /// <summary>The first multiscale of <see cref="Image"/>, or null for an array.</summary>
    public NgffMultiscale? Multiscale => Image?.Multiscales[0];

    /// <summary>Opens the array or OME-Zarr image in <paramref name="folder"/>.</summary>
    /// <param name="folder">The folder of an array or of an OME-Zarr image group.</param>
    /// <param name="role">How the folder is named in messages, e.g. <c>INPUT</c>.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <exception cref="TesseraException">The folder is not Zarr, is a group without an image, or its metadata is malformed.</exception>
    public static async Task<InputImage> OpenAsync(string folder, string role, CancellationToken cancellationToken)
    {
        var node = await ZarrNode.OpenAsync(folder, cancellationToken).ConfigureAwait(false);
        if (node is ZarrArray array)
        {
            return new InputImage(array, null);
        }

        JsonObject attributes = await node.ReadAttributesAsync(cancellationToken).ConfigureAwait(false);
        string source = node.Store.Describe(StoreKey.Join(node.Path, node.Format == ZarrFormat.V3 ? "zarr.json" : ZarrNode.AttributesKey));
        var image = NgffImage.FromAttributes(attributes, source)
            ?? throw new TesseraException($"{role} '{node.Location}' is a Zarr group without OME-NGFF 'multiscales'. Pass the folder of an array inside it, or of an OME-Zarr image.");
        // Every level's shape against the metadata: one axis per dimension, paths that exist, scales that fit.
        var levels = new List<ZarrArray?>();
        foreach (var dataset in image.Multiscales[0].Datasets)
        {
            string path = StoreKey.Join(node.Path, dataset.Path);
            levels.Add(await ZarrNode.ProbeAsync(node.Store, path, cancellationToken).ConfigureAwait(false) == ZarrMemberKind.Array
                ? await ZarrArray.OpenAsync(node.Store, path, cancellationToken: cancellationToken).ConfigureAwait(false)
                : null);
        }

        image.ValidateLevels([.. levels.Select(l => l?.Shape.ToArray())], source);
        return new InputImage(levels[0]!, image);
    }
}
