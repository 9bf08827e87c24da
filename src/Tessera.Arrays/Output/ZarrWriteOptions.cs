using System.Text.Json.Nodes;
using Tessera.Arrays.Scheduling;

namespace Tessera.Arrays.Output;

/// <summary>How a lazy array is written to a Zarr array.</summary>
public sealed record ZarrWriteOptions : ComputeOptions
{
    /// <summary>What to do when the output exists. Default <see cref="WriteMode.CreateNew"/>.</summary>
    public WriteMode Mode { get; init; } = WriteMode.CreateNew;

    /// <summary>The compressor's <c>.zarray</c> configuration; null for Blosc LZ4 level 5 with byte shuffle (zarr-python's default).</summary>
    public JsonObject? Compressor { get; init; }

    /// <summary>
    /// The job's parameters, recorded in the output's attributes and compared on resume. Null records the
    /// array's plan (<see cref="Plans.LazyPlan"/>), which names the inputs, operations and their options.
    /// </summary>
    public JsonObject? Job { get; init; }
}
