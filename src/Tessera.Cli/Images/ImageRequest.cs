using Tessera.Ngff;

namespace Tessera.Cli.Images;

/// <summary>What the command line asks of an output image: the format and its options, before they are checked against INPUT.</summary>
internal sealed record ImageRequest
{
    /// <summary>The output format, or null for the command's default.</summary>
    public OutputFormat? Format { get; init; }

    /// <summary><c>--axes</c>: the INPUT's dimension names, e.g. <c>c,t,z,y,x</c>; null when not given.</summary>
    public string? Axes { get; init; }

    /// <summary><c>--voxel-size</c>: the size along each space axis, in the order of <see cref="Axes"/>; null when not given.</summary>
    public double[]? VoxelSize { get; init; }

    /// <summary><c>--unit</c>: the unit of the space axes.</summary>
    public string Unit { get; init; } = "micrometer";

    /// <summary><c>--ngff</c>: the NGFF version, or null for the default (the input's, else 0.4).</summary>
    public NgffVersion? Version { get; init; }

    /// <summary><c>--levels</c>, or null for the default.</summary>
    public int? Levels { get; init; }

    /// <summary><c>--shards</c>: the shard shape, or null for unsharded output.</summary>
    public int[]? Shards { get; init; }

    /// <summary>Whether the output is Zarr v3: <c>zarr3</c>, or <c>ome-zarr</c> with NGFF 0.5.</summary>
    public static bool IsV3(OutputFormat format, NgffVersion version) => format == OutputFormat.Zarr3 || (format == OutputFormat.OmeZarr && version == NgffVersion.V0_5);
}
