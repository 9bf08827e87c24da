using System.Text.Json.Nodes;
using Tessera.Arrays.Scheduling;
using Tessera.Zarr;
using Tessera.Zarr.V3;

namespace Tessera.Arrays.Output;

/// <summary>How a lazy array is written to a Zarr array.</summary>
public sealed record ZarrWriteOptions : ComputeOptions
{
    /// <summary>What to do when the output exists. Default <see cref="WriteMode.CreateNew"/>.</summary>
    public WriteMode Mode { get; init; } = WriteMode.CreateNew;

    /// <summary>The output's Zarr format. Default <see cref="ZarrFormat.V2"/>.</summary>
    public ZarrFormat Format { get; init; } = ZarrFormat.V2;

    /// <summary>
    /// The stored chunk shape (the shard shape, with <see cref="InnerChunks"/>), when it is to be smaller than the
    /// array's blocks: each block is then stored as several whole chunks, so a volume computed at once can be
    /// stored in chunks sized for viewers. Along every axis it must divide the block size (or the axis must hold
    /// one block). Null stores one chunk per block.
    /// </summary>
    public int[]? Chunks { get; init; }

    /// <summary>Zarr v2: the compressor's <c>.zarray</c> configuration; null for Blosc LZ4 level 5 with byte shuffle (zarr-python's default).</summary>
    public JsonObject? Compressor { get; init; }

    /// <summary>
    /// Zarr v3: the codecs of each chunk (of each inner chunk, with <see cref="InnerChunks"/>), starting with
    /// the array → bytes codec, e.g. <c>bytes</c> then <c>blosc</c>; null for <c>bytes</c> (little-endian) and
    /// Blosc LZ4 level 5 with byte shuffle.
    /// </summary>
    public IReadOnlyList<V3Codec>? Codecs { get; init; }

    /// <summary>
    /// Zarr v3: when set, every chunk of the output (one block of the computation) is stored as a shard
    /// (<c>sharding_indexed</c>, index at the end with crc32c) of inner chunks of this shape, which must divide
    /// the block's chunk shape. Readers then fetch inner chunks alone. Null stores blocks as plain chunks.
    /// </summary>
    public int[]? InnerChunks { get; init; }

    /// <summary>Zarr v3: the <c>dimension_names</c> of the output; null for none.</summary>
    public IReadOnlyList<string?>? DimensionNames { get; init; }

    /// <summary>
    /// The job's parameters, recorded in the output's attributes and compared on resume. Null records the
    /// array's plan (<see cref="Plans.LazyPlan"/>), which names the inputs, operations and their options.
    /// </summary>
    public JsonObject? Job { get; init; }
}
