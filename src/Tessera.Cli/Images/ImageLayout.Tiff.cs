using System.Globalization;
using Tessera.Ngff;

namespace Tessera.Cli.Images;

/// <content>The layout of an image written from a TIFF INPUT.</content>
internal sealed partial record ImageLayout
{
    /// <summary>
    /// The layout of an image written from the TIFF <paramref name="input"/>: its (c, t, z, y, x) axes in NGFF order
    /// (t, c, z, y, x), nothing dropped; the voxel size and unit of ImageJ or OME metadata, else <c>--voxel-size</c>
    /// and <c>--unit</c>; the channel names as <c>omero</c> labels.
    /// </summary>
    /// <exception cref="UsageException">--axes is given, --voxel-size is missing for a file without one or given for a file with one, or it is malformed.</exception>
    public static ImageLayout Resolve(TiffInput input, ImageRequest request)
    {
        if (request.Axes is not null)
        {
            throw new UsageException($"INPUT '{input.Location}' is TIFF, read as (c, t, z, y, x); leave out --axes.");
        }

        var culture = CultureInfo.InvariantCulture;
        var known = input.Metadata.VoxelSize;
        double[] voxel;
        string unit;
        if (input.HasVoxelSize)
        {
            if (request.VoxelSize is not null)
            {
                throw new UsageException(
                    $"INPUT '{input.Location}' gives its voxel size ({known.Z.ToString("G6", culture)}, {known.Y.ToString("G6", culture)}, {known.X.ToString("G6", culture)} {known.Unit}) in its {input.Metadata.Kind} metadata; leave out --voxel-size.");
            }

            (voxel, unit) = ([known.Z, known.Y, known.X], known.Unit!);
        }
        else
        {
            string why = input.Metadata.Kind == Tiff.Metadata.TiffMetadataKind.Plain ? " (a plain TIFF has no z spacing)" : "";
            voxel = request.VoxelSize
                ?? throw new UsageException($"INPUT '{input.Location}' carries no voxel size{why}; add --voxel-size Z,Y,X (the size along z, y, x in {request.Unit}, in that order).");
            if (voxel.Length != 3)
            {
                throw new UsageException($"--voxel-size {string.Join(',', voxel.Select(v => v.ToString(culture)))} must give 3 positive sizes, one per space axis (z, y, x).");
            }

            unit = request.Unit;
        }

        NgffAxisOrder order;
        try
        {
            order = NgffAxisOrder.Parse(string.Join(',', Arrays.TiffArrayMetadata.Axes), unit);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--unit {unit}: {ex.Message}");
        }

        int next = 0;
        double[] scale = [.. order.Axes.Select(a => a.Type == NgffAxisType.Space ? voxel[next++] : 1.0)];
        return new ImageLayout(order.Axes, order.Permutation, scale, null, request.Version ?? NgffVersion.V0_4, input.Omero(), null);
    }
}
