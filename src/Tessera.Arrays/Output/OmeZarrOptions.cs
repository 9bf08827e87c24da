using System.Text.Json.Nodes;
using Tessera.Ngff;

namespace Tessera.Arrays.Output;

/// <summary>How a lazy array is written as an OME-Zarr image: a group holding a multiscale pyramid.</summary>
public sealed record OmeZarrOptions
{
    /// <summary>
    /// The NGFF version: 0.4 writes Zarr v2 arrays and puts <c>multiscales</c> in the group's <c>.zattrs</c>;
    /// 0.5 writes Zarr v3 and puts them under <c>ome</c> in the group's <c>zarr.json</c>. Default 0.4.
    /// </summary>
    public NgffVersion Version { get; init; } = NgffVersion.V0_4;

    /// <summary>The axes in NGFF order (time, channel, then space), one per dimension of the array written.</summary>
    public required IReadOnlyList<NgffAxis> Axes { get; init; }

    /// <summary>Level 0's voxel size per axis (1 for axes without a physical size).</summary>
    public required double[] Scale { get; init; }

    /// <summary>Level 0's offset per axis, or null for none.</summary>
    public double[]? Translation { get; init; }

    /// <summary>The number of levels, level 0 included; at least 1. Default 1.</summary>
    public int Levels { get; init; } = 1;

    /// <summary>
    /// How each level is written (mode, memory, progress, codecs, shards). The format is set from
    /// <see cref="Version"/>; inner chunks that do not fit a coarser level's chunks are clipped to them.
    /// </summary>
    public ZarrWriteOptions Write { get; init; } = new();

    /// <summary>The multiscale's name, or null.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>omero</c> channel metadata to carry, or null.</summary>
    public JsonObject? Omero { get; init; }

    /// <summary>Called before each level is written, with its index (0 first) and the number of levels.</summary>
    public Action<int, int>? OnLevel { get; init; }
}
