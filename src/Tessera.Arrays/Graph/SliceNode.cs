using System.Text.Json.Nodes;
using Tessera.Buffers;

namespace Tessera.Arrays.Graph;

/// <summary>
/// A rectangular selection of another array: ranges keep their axis, single indices remove it. The
/// result keeps the source's chunk shape (clipped to its size), so a selection that starts on chunk
/// boundaries reads each source chunk once.
/// </summary>
internal sealed class SliceNode : LazyArray
{
    private readonly LazyArray _source;
    private readonly AxisSelection[] _selections;

    private SliceNode(LazyArray source, AxisSelection[] selections, long[] shape, int[] chunks)
        : base(shape, source.DataType, chunks, [source])
    {
        _source = source;
        _selections = selections;
    }

    public override string NodeKind => "slice";

    /// <summary>Selects <paramref name="selections"/> (one per axis; missing trailing axes are whole) of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">Too many selections, or a range outside the axis or empty.</exception>
    public static SliceNode Create(LazyArray source, ReadOnlySpan<AxisSelection> selections)
    {
        if (selections.Length > source.Rank)
        {
            throw new ArgumentException($"{selections.Length} selections given for an array of {source.Rank} dimensions.", nameof(selections));
        }

        var resolved = new AxisSelection[source.Rank];
        var shape = new List<long>();
        var chunks = new List<int>();
        for (int a = 0; a < source.Rank; a++)
        {
            long length = source.Shape[a];
            var s = a < selections.Length ? selections[a] : AxisSelection.All;
            long stop = s == AxisSelection.All ? length : s.Stop;
            if (s.Start < 0 || stop > length || s.Start >= stop)
            {
                string what = s.DropsAxis ? $"index {s.Start}" : $"range [{s.Start}, {stop})";
                throw new ArgumentOutOfRangeException(nameof(selections), $"Axis {a} has {length} elements; {what} is outside it or empty.");
            }

            resolved[a] = s with { Stop = stop };
            if (!s.DropsAxis)
            {
                shape.Add(stop - s.Start);
                chunks.Add((int)Math.Min(source.Chunks.ChunkShape[a], stop - s.Start));
            }
        }

        return new SliceNode(source, resolved, [.. shape], [.. chunks]);
    }

    internal override JsonObject Describe() => new()
    {
        ["node"] = NodeKind,
        ["axes"] = new JsonArray(_selections.Select(s => (JsonNode)new JsonArray(s.Start, s.Stop, s.DropsAxis)).ToArray()),
    };

    internal override async ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context)
    {
        var (sourceOrigin, sourceShape) = SourceRegion(origin, shape);
        var block = await _source.ReadRegionAsync(sourceOrigin, sourceShape, context).ConfigureAwait(false);
        return sourceShape.Length == shape.Length ? block : block.Reshape(shape);
    }

    internal override long RegionWorkingSet(int[] shape) => _source.RegionWorkingSet(SourceRegion(new long[Rank], shape).Shape);

    private (long[] Origin, int[] Shape) SourceRegion(long[] origin, int[] shape)
    {
        var sourceOrigin = new long[_selections.Length];
        var sourceShape = new int[_selections.Length];
        int k = 0;
        for (int a = 0; a < _selections.Length; a++)
        {
            var s = _selections[a];
            if (s.DropsAxis)
            {
                sourceOrigin[a] = s.Start;
                sourceShape[a] = 1;
            }
            else
            {
                sourceOrigin[a] = s.Start + origin[k];
                sourceShape[a] = shape[k];
                k++;
            }
        }

        return (sourceOrigin, sourceShape);
    }
}
