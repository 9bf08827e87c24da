using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Arrays.Graph;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Shapes;

namespace Tessera.Arrays;

/// <summary>
/// A chunked, lazily evaluated N-D array: a shape, an element type, a chunk grid, and a graph of block
/// tasks that produce its chunks. Nothing is read or computed until <c>ComputeAsync</c> or
/// <c>WriteZarrAsync</c> runs the graph on the local scheduler. Instances are immutable; every
/// operation returns a new array. Each array has a deterministic <see cref="Token"/> (equal inputs and
/// parameters give equal tokens) from which its block keys derive.
/// </summary>
public abstract partial class LazyArray
{
    private readonly long[] _shape;
    private string? _token;

    private protected LazyArray(long[] shape, DataType dataType, int[] chunkShape, IReadOnlyList<LazyArray> inputs)
    {
        _shape = shape;
        DataType = dataType.AsNative();
        Chunks = new ChunkGrid(shape, chunkShape);
        Inputs = inputs;
    }

    /// <summary>The size of each dimension.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The element type (in the machine's byte order).</summary>
    public DataType DataType { get; }

    /// <summary>The chunk grid: the blocks the array is computed and stored in.</summary>
    public ChunkGrid Chunks { get; }

    /// <summary>The arrays this one is computed from.</summary>
    public IReadOnlyList<LazyArray> Inputs { get; }

    /// <summary>The kind of node, such as <c>zarr</c>, <c>astype</c>, <c>slice</c> or <c>map_blocks</c>.</summary>
    public abstract string NodeKind { get; }

    /// <summary>
    /// A deterministic identity: the SHA-256 of the node's description, shape, type, chunks and its inputs'
    /// tokens. Arrays with a closure in their graph get a token unique to that closure instead.
    /// </summary>
    public string Token => _token ??= ComputeToken();

    /// <summary>Whether the whole graph can be written as data (it holds no closure).</summary>
    public bool IsSerializable => IsDescribable && Inputs.All(i => i.IsSerializable);

    /// <summary>The bytes computing one full chunk holds at its peak (inputs, scratch and result), as the scheduler budgets it.</summary>
    public long BlockWorkingSetBytes => RegionWorkingSet(Chunks.ChunkShape.ToArray());

    internal long[] ShapeArray => _shape;

    /// <summary>Whether this node (not its inputs) can be described as data.</summary>
    private protected virtual bool IsDescribable => true;

    /// <summary>The key of the task that computes chunk <paramref name="chunkIndex"/>: <c>kind-token(i,j,…)</c>.</summary>
    public string BlockKey(ReadOnlySpan<long> chunkIndex) => $"{NodeKind}-{Token[..16]}({string.Join(",", chunkIndex.ToArray())})";

    /// <summary>
    /// The node as data: its kind and parameters, not its inputs. Used for plans, tokens and resume records.
    /// </summary>
    /// <exception cref="Operations.PlanSerializationException">The node is a closure.</exception>
    internal abstract JsonObject Describe();

    /// <summary>Computes the region of <paramref name="shape"/> at <paramref name="origin"/> into a new buffer the caller disposes.</summary>
    internal abstract ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context);

    /// <summary>The peak bytes held while computing a region of <paramref name="shape"/>, its result included.</summary>
    internal abstract long RegionWorkingSet(int[] shape);

    /// <summary>The bytes of a dense region of <paramref name="shape"/> of this array's type.</summary>
    internal long RegionBytes(ReadOnlySpan<int> shape) => ShapeMath.Product(shape) * DataType.ItemSize;

    private string ComputeToken()
    {
        if (!IsDescribable)
        {
            return Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        }

        var description = Describe();
        description["shape"] = new JsonArray(_shape.Select(s => JsonValue.Create(s)).ToArray<JsonNode?>());
        description["dtype"] = DataType.TypeString;
        description["chunks"] = new JsonArray(Chunks.ChunkShape.ToArray().Select(s => JsonValue.Create(s)).ToArray<JsonNode?>());
        description["inputs"] = new JsonArray(Inputs.Select(i => JsonValue.Create(i.Token)).ToArray<JsonNode?>());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description.ToJsonString())));
    }
}
