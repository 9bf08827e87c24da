using System.Text.Json.Nodes;
using Tessera.Buffers;

namespace Tessera.Arrays.Graph;

/// <summary>
/// The axes of another array reordered, with NumPy's meaning: output axis <c>i</c> is input axis
/// <c>permutation[i]</c>, and so are its size and chunk size. A region of the output reads the one input
/// region that holds the same elements and permutes them, so an output chunk reads exactly the input
/// chunk it came from.
/// </summary>
internal sealed class TransposeNode : LazyArray
{
    private readonly LazyArray _source;
    private readonly int[] _permutation;

    private TransposeNode(LazyArray source, int[] permutation, long[] shape, int[] chunks)
        : base(shape, source.DataType, chunks, [source])
    {
        _source = source;
        _permutation = permutation;
    }

    public override string NodeKind => "transpose";

    /// <summary>Reorders the axes of <paramref name="source"/> by <paramref name="permutation"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="permutation"/> is not a permutation of <c>0..rank-1</c>.</exception>
    public static TransposeNode Create(LazyArray source, int[] permutation)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        var seen = new bool[source.Rank];
        bool valid = permutation.Length == source.Rank;
        for (int i = 0; valid && i < permutation.Length; i++)
        {
            int axis = permutation[i];
            valid = axis >= 0 && axis < source.Rank && !seen[axis];
            if (valid)
            {
                seen[axis] = true;
            }
        }

        if (!valid)
        {
            throw new ArgumentException(
                $"Transpose needs a permutation of the axes 0..{source.Rank - 1} of an array of {source.Rank} dimensions; ({string.Join(", ", permutation)}) is not one.",
                nameof(permutation));
        }

        var shape = new long[source.Rank];
        var chunks = new int[source.Rank];
        for (int i = 0; i < source.Rank; i++)
        {
            shape[i] = source.Shape[permutation[i]];
            chunks[i] = source.Chunks.ChunkShape[permutation[i]];
        }

        return new TransposeNode(source, (int[])permutation.Clone(), shape, chunks);
    }

    internal override JsonObject Describe() => new()
    {
        ["node"] = NodeKind,
        ["permutation"] = new JsonArray(_permutation.Select(a => (JsonNode)a).ToArray()),
    };

    internal override async ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context)
    {
        var (sourceOrigin, sourceShape) = SourceRegion(origin, shape);
        using var input = await _source.ReadRegionAsync(sourceOrigin, sourceShape, context).ConfigureAwait(false);
        if (KeepsOrder(sourceShape))
        {
            // Only axes of size 1 move (for example c and t of one volume): the bytes are already in output order.
            return input.Reshape(shape);
        }

        var output = NDBuffers.Allocate(DataType, shape, clear: false);
        try
        {
            // Walk the output in C order; each output axis steps through the input by its source axis's stride.
            var sourceStrides = CStrides(sourceShape);
            var strides = new long[Rank];
            for (int i = 0; i < Rank; i++)
            {
                strides[i] = sourceStrides[_permutation[i]];
            }

            ByteRegionCopy.CopyStrided(input.Bytes, strides, 0, output.Bytes, CStrides(shape), 0, shape, DataType.ItemSize);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    // The input region (and what the source holds to make it) and the permuted copy, unless the input is passed on.
    internal override long RegionWorkingSet(int[] shape)
    {
        int[] sourceShape = SourceRegion(new long[Rank], shape).Shape;
        return _source.RegionWorkingSet(sourceShape) + (KeepsOrder(sourceShape) ? 0 : RegionBytes(shape));
    }

    /// <summary>Whether the permutation keeps the axes longer than 1 of a region of <paramref name="sourceShape"/> in their order.</summary>
    private bool KeepsOrder(int[] sourceShape)
    {
        int previous = -1;
        foreach (int axis in _permutation)
        {
            if (sourceShape[axis] > 1)
            {
                if (axis < previous)
                {
                    return false;
                }

                previous = axis;
            }
        }

        return true;
    }

    private static long[] CStrides(int[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int a = shape.Length - 1; a >= 0; a--)
        {
            strides[a] = stride;
            stride *= shape[a];
        }

        return strides;
    }

    private (long[] Origin, int[] Shape) SourceRegion(long[] origin, int[] shape)
    {
        var sourceOrigin = new long[Rank];
        var sourceShape = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            sourceOrigin[_permutation[i]] = origin[i];
            sourceShape[_permutation[i]] = shape[i];
        }

        return (sourceOrigin, sourceShape);
    }
}
