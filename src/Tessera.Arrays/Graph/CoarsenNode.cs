using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.Shapes;

namespace Tessera.Arrays.Graph;

/// <summary>
/// Mean-downsampling by an integer factor per axis, for multiscale pyramids: output element <c>o</c>
/// is the mean of the input's block <c>[o·f, min((o+1)·f, n))</c> on every axis. A region of the
/// output reads exactly the input region its blocks cover, so the input's chunking does not matter;
/// by default output chunks are the input's divided by the factors, so one output chunk reads about
/// one input chunk.
/// </summary>
internal sealed class CoarsenNode : LazyArray
{
    private readonly LazyArray _source;
    private readonly int[] _factors;

    private CoarsenNode(LazyArray source, int[] factors, long[] shape, int[] chunks)
        : base(shape, source.DataType, chunks, [source])
    {
        _source = source;
        _factors = factors;
    }

    public override string NodeKind => "coarsen";

    /// <summary>Coarsens <paramref name="source"/> by <paramref name="factors"/>, into <paramref name="chunks"/> (or the source's chunks divided by the factors).</summary>
    /// <exception cref="ArgumentException">A factor or chunk size is missing, extra or not positive, or one output chunk needs an input region too large for one buffer.</exception>
    /// <exception cref="NotSupportedException">The source holds bool.</exception>
    public static CoarsenNode Create(LazyArray source, int[] factors, int[]? chunks)
    {
        ArgumentNullException.ThrowIfNull(factors);
        if (factors.Length != source.Rank)
        {
            throw new ArgumentException($"Coarsen needs one factor per axis: {factors.Length} given for an array of {source.Rank} dimensions.", nameof(factors));
        }

        if (chunks is not null && chunks.Length != source.Rank)
        {
            throw new ArgumentException($"{chunks.Length} chunk sizes given for an array of {source.Rank} dimensions.", nameof(chunks));
        }

        if (!BlockMean.Supports(source.DataType))
        {
            throw new NotSupportedException($"Coarsen averages numbers; the array holds {source.DataType.Name}.");
        }

        var shape = new long[source.Rank];
        var outputChunks = new int[source.Rank];
        long inputRegion = 1;
        for (int a = 0; a < source.Rank; a++)
        {
            int f = factors[a];
            if (f <= 0)
            {
                throw new ArgumentException($"The coarsening factor of axis {a} is {f}; factors must be positive (1 keeps the axis).", nameof(factors));
            }

            if (chunks is not null && chunks[a] <= 0)
            {
                throw new ArgumentException($"The chunk size of axis {a} is {chunks[a]}; chunk sizes must be positive.", nameof(chunks));
            }

            shape[a] = (source.Shape[a] + f - 1) / f;
            int wanted = chunks?[a] ?? (source.Chunks.ChunkShape[a] + f - 1) / f;
            outputChunks[a] = (int)Math.Max(1, Math.Min(wanted, shape[a]));
            inputRegion = SaturatingMultiply(inputRegion, Math.Min((long)outputChunks[a] * f, source.Shape[a]));
        }

        if (inputRegion > Array.MaxLength)
        {
            throw new ArgumentException(
                $"An output chunk {ShapeMath.Format<int>(outputChunks)} reads an input region of {inputRegion} elements, more than one buffer holds ({Array.MaxLength}); choose smaller chunks.",
                nameof(chunks));
        }

        return new CoarsenNode(source, (int[])factors.Clone(), shape, outputChunks);
    }

    // The chunks too, since they may be chosen by the caller: a plan rebuilds the same grid from them.
    internal override JsonObject Describe() => new()
    {
        ["node"] = NodeKind,
        ["factors"] = new JsonArray(_factors.Select(f => (JsonNode)f).ToArray()),
        ["chunks"] = new JsonArray(Chunks.ChunkShape.ToArray().Select(c => (JsonNode)c).ToArray()),
    };

    internal override async ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context)
    {
        var (sourceOrigin, sourceShape) = SourceRegion(origin, shape);
        if (_factors.All(f => f == 1))
        {
            // Factors of 1 only rechunk: the source's region is the result, with no averaging pass.
            return await _source.ReadRegionAsync(sourceOrigin, sourceShape, context).ConfigureAwait(false);
        }

        using var input = await _source.ReadRegionAsync(sourceOrigin, sourceShape, context).ConfigureAwait(false);
        var output = NDBuffers.Allocate(DataType, shape, clear: false);
        try
        {
            BlockMean.Reduce(input, output, _factors);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    // The input region (and what the source holds to make it), the double sums, and the result. A region
    // at the origin is the largest of its shape: regions at the far edge read fewer input elements.
    internal override long RegionWorkingSet(int[] shape) => _factors.All(f => f == 1)
        ? _source.RegionWorkingSet(shape)
        : _source.RegionWorkingSet(SourceRegion(new long[Rank], shape).Shape) + BlockMean.ScratchBytes(shape) + RegionBytes(shape);

    private static long SaturatingMultiply(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;

    private (long[] Origin, int[] Shape) SourceRegion(long[] origin, int[] shape)
    {
        var sourceOrigin = new long[Rank];
        var sourceShape = new int[Rank];
        for (int a = 0; a < Rank; a++)
        {
            sourceOrigin[a] = origin[a] * _factors[a];
            long stop = Math.Min((origin[a] + shape[a]) * _factors[a], _source.Shape[a]);
            sourceShape[a] = (int)(stop - sourceOrigin[a]);
        }

        return (sourceOrigin, sourceShape);
    }
}
