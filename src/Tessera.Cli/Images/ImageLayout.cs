using System.Text.Json.Nodes;
using Tessera.Ngff;
using Tessera.Shapes;

namespace Tessera.Cli.Images;

/// <summary>
/// How an output OME-Zarr image is laid out: its NGFF axes, which INPUT dimension each comes from, level 0's
/// voxel size and offset, the NGFF version and the channel metadata carried over.
/// </summary>
/// <param name="Axes">The NGFF axes, in NGFF order (time, channel, then space).</param>
/// <param name="Permutation">For each NGFF axis, the INPUT dimension it comes from (the argument of <c>Transpose</c>).</param>
/// <param name="Scale">Level 0's voxel size per NGFF axis (1 for axes without a physical size).</param>
/// <param name="Translation">Level 0's offset per NGFF axis, or null for none.</param>
/// <param name="Version">The NGFF version to write.</param>
/// <param name="Omero">The <c>omero</c> channel metadata to carry, or null.</param>
/// <param name="Name">The multiscale's name, or null.</param>
internal sealed partial record ImageLayout(IReadOnlyList<NgffAxis> Axes, int[] Permutation, double[] Scale, double[]? Translation, NgffVersion Version, JsonObject? Omero, string? Name)
{
    /// <summary>Levels are added until the largest y/x extent of the last one is at most this.</summary>
    public const int SmallestLevelExtent = 512;

    /// <summary>
    /// The layout of an image written from <paramref name="input"/>: an OME-Zarr input keeps its axes, units, scale,
    /// translation, channels and (unless <paramref name="request"/> names one) NGFF version; a plain array needs
    /// <c>--axes</c> and <c>--voxel-size</c>.
    /// </summary>
    /// <exception cref="UsageException">An option is missing, malformed or does not fit the input; the message says which option to add or change.</exception>
    public static ImageLayout Resolve(InputImage input, ImageRequest request)
    {
        if (input.Multiscale is { } multiscale)
        {
            if (request.Axes is not null || request.VoxelSize is not null)
            {
                throw new UsageException($"INPUT '{input.Array.Location}' is level 0 of an OME-Zarr image, whose axes and voxel size are read from its metadata; leave out --axes and --voxel-size.");
            }

            var dataset = multiscale.Datasets[0];
            double[] scale = [.. dataset.Scale.Select((s, i) => s * (multiscale.Scale?[i] ?? 1))];
            double[]? translation = dataset.Translation is null && multiscale.Translation is null
                ? null
                : [.. scale.Select((_, i) => ((dataset.Translation?[i] ?? 0) * (multiscale.Scale?[i] ?? 1)) + (multiscale.Translation?[i] ?? 0))];
            return new ImageLayout(multiscale.Axes, [.. Enumerable.Range(0, multiscale.Axes.Count)], scale, translation, request.Version ?? input.Image!.Version, input.Image!.Omero, multiscale.Name);
        }

        var array = input.Array;
        if (request.Axes is null)
        {
            string example = string.Join(',', new[] { "t", "c", "z", "y", "x" }[Math.Max(0, 5 - array.Rank)..]);
            throw new UsageException(
                $"INPUT '{array.Location}' (shape {ShapeMath.Format(array.Shape)}) carries no axis metadata; add --axes {example} (one name per dimension, from t, c, z, y, x) and --voxel-size Z,Y,X.");
        }

        NgffAxisOrder order;
        try
        {
            order = NgffAxisOrder.Parse(request.Axes, request.Unit);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--axes {request.Axes} --unit {request.Unit}: {ex.Message}");
        }

        if (order.InputNames.Count != array.Rank)
        {
            throw new UsageException(
                $"--axes {request.Axes} names {order.InputNames.Count} axes but INPUT '{array.Location}' has {array.Rank} dimensions (shape {ShapeMath.Format(array.Shape)}); give one name per dimension.");
        }

        string[] space = [.. order.Axes.Where(a => a.Type == NgffAxisType.Space).Select(a => a.Name)];
        if (request.VoxelSize is not { } voxel)
        {
            throw new UsageException($"INPUT '{array.Location}' carries no voxel size; add --voxel-size {string.Join(',', space.Select(s => s.ToUpperInvariant()))} (the size along {string.Join(", ", space)} in {request.Unit}, in that order).");
        }

        if (voxel.Length != space.Length || voxel.Any(v => !double.IsFinite(v) || v <= 0))
        {
            throw new UsageException($"--voxel-size {string.Join(',', voxel)} must give {space.Length} positive sizes, one per space axis ({string.Join(", ", space)}) in the order of --axes.");
        }

        int next = 0;
        double[] levelScale = [.. order.Axes.Select(a => a.Type == NgffAxisType.Space ? voxel[next++] : 1.0)];
        return new ImageLayout(order.Axes, order.Permutation, levelScale, null, request.Version ?? NgffVersion.V0_4, null, null);
    }

    /// <summary>The number of levels for which the last one's largest y/x extent is at most <see cref="SmallestLevelExtent"/> (at least 1).</summary>
    /// <param name="shape">Level 0's shape, in NGFF order.</param>
    public int DefaultLevels(ReadOnlySpan<long> shape)
    {
        long largest = 1;
        for (int d = Math.Max(0, Axes.Count - 2); d < Axes.Count; d++)
        {
            largest = Math.Max(largest, shape[d]);
        }

        int levels = 1;
        for (; largest > SmallestLevelExtent; largest = (largest + 1) / 2)
        {
            levels++;
        }

        return levels;
    }

    /// <summary>
    /// Level 0's chunks for viewers: 1 along time and channel, up to 64 along z and up to 256 along y and x
    /// (a 256×256 tile is what viewers such as napari and neuroglancer fetch at once).
    /// </summary>
    /// <param name="shape">Level 0's shape, in NGFF order.</param>
    public int[] DefaultChunks(ReadOnlySpan<long> shape)
    {
        var chunks = new int[Axes.Count];
        int spaceSeen = Axes.Count(a => a.Type == NgffAxisType.Space);
        for (int d = 0; d < chunks.Length; d++)
        {
            int wanted = Axes[d].Type != NgffAxisType.Space ? 1 : spaceSeen-- == 3 ? 64 : 256;
            chunks[d] = (int)Math.Max(1, Math.Min(wanted, shape[d]));
        }

        return chunks;
    }
}
