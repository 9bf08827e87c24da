using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Arrays.Graph;

/// <summary>An element-type conversion, done block by block as the blocks are read.</summary>
internal sealed class AsTypeNode(LazyArray source, DataType target, CastMode mode)
    : LazyArray(source.ShapeArray, target, source.Chunks.ChunkShape.ToArray(), [source])
{
    public override string NodeKind => "astype";

    public CastMode Mode => mode;

    internal override JsonObject Describe() => new()
    {
        ["node"] = NodeKind,
        ["dtype"] = DataType.TypeString,
        ["mode"] = mode == CastMode.Truncate ? "truncate" : "round_clip",
    };

    internal override async ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context)
    {
        using var input = await source.ReadRegionAsync(origin, shape, context).ConfigureAwait(false);
        var output = NDBuffers.Allocate(DataType, shape, clear: false);
        try
        {
            ElementConvert.Convert(input, output, mode);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    internal override long RegionWorkingSet(int[] shape) => source.RegionWorkingSet(shape) + RegionBytes(shape);
}
