using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Arrays.Graph;

/// <summary>A Zarr array as the source of a graph: regions are read and decoded only when a task needs them.</summary>
internal sealed class ZarrSource : LazyArray
{
    private readonly string _identity;

    public ZarrSource(ZarrArray array)
        : base(array.Shape.ToArray(), array.DataType, array.ChunkShape.ToArray(), [])
    {
        Array = array;

        // A folder is identified by its full path; an in-memory store only by the object itself, so that
        // two memory stores never share a token (and with it cached results).
        _identity = array.Store is FileSystemStore
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(array.Location))
            : $"{array.Location}#{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(array.Store):x8}-{Guid.NewGuid():N}";
    }

    public ZarrArray Array { get; }

    public override string NodeKind => "zarr";

    // The stored type, shape and chunks too: a plan (and a resume record) must not match an array
    // rewritten at the same path with another layout.
    internal override JsonObject Describe() => new()
    {
        ["node"] = NodeKind,
        ["path"] = _identity,
        ["stored"] = new JsonObject
        {
            ["dtype"] = Array.DataType.TypeString,
            ["shape"] = new JsonArray(Array.Shape.ToArray().Select(s => (JsonNode)s).ToArray()),
            ["chunks"] = new JsonArray(Array.ChunkShape.ToArray().Select(s => (JsonNode)s).ToArray()),
        },
    };

    internal override async ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context)
    {
        var buffer = NDBuffers.Allocate(DataType, shape, clear: false);
        try
        {
            await Array.ReadRegionAsync(origin, shape, buffer.ByteMemory, context.CancellationToken).ConfigureAwait(false);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    // The region, plus one decoded and one compressed chunk in flight while it is assembled; an array whose shards
    // exceed one buffer is read inner chunk by inner chunk.
    internal override long RegionWorkingSet(int[] shape) =>
        RegionBytes(shape) + (2L * (Array.WholeChunksFit ? Array.ChunkByteCount : ShapeMath.Product((ReadOnlySpan<int>)[.. Array.InnerChunkShape!]) * DataType.ItemSize));
}
