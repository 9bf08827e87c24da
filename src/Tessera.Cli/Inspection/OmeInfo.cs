using Tessera.Ngff;
using Tessera.Zarr;

namespace Tessera.Cli.Inspection;

/// <summary>What <c>tessera info</c> reports about an OME-Zarr image group.</summary>
/// <param name="Image">The group's OME-NGFF metadata.</param>
/// <param name="Levels">The array of each dataset of the first multiscale, in order; null where it cannot be opened.</param>
internal sealed record OmeInfo(NgffImage Image, IReadOnlyList<ZarrArray?> Levels)
{
    /// <summary>The first multiscale, the one readers use.</summary>
    public NgffMultiscale Multiscale => Image.Multiscales[0];

    /// <summary>The voxel size of each space axis at level 0 (the dataset's scale times the multiscale's), with its index, name and unit.</summary>
    public IEnumerable<(int Axis, string Name, double Size, string? Unit)> VoxelSize =>
        Multiscale.Axes
            .Select((axis, i) => (axis, i))
            .Where(p => p.axis.Type == NgffAxisType.Space)
            .Select(p => (p.i, p.axis.Name, Multiscale.Datasets[0].Scale[p.i] * (Multiscale.Scale?[p.i] ?? 1), p.axis.Unit));

    /// <summary>The chunks of a level array as shown: inner chunks inside shards when sharded.</summary>
    public static string Chunks(ZarrArray? array) => array switch
    {
        null => "unreadable",
        { InnerChunkShape: { } inner } => $"{Shapes.ShapeMath.Format<int>([.. inner])} in shards {Shapes.ShapeMath.Format(array.ChunkShape)}",
        _ => Shapes.ShapeMath.Format(array.ChunkShape),
    };
}
