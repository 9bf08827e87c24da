using System.Text.Json.Nodes;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Imaging.Pointwise;

/// <summary>
/// A block operation that maps each float32 (z,y,x) volume to a volume of the same shape, voxel by voxel,
/// with no scratch memory: background subtraction, conversion to integers. Subclasses give the name,
/// the parameters, the output type and the map.
/// </summary>
/// <typeparam name="TOut">The output element type.</typeparam>
public abstract class VolumeMap<TOut> : IBlockOperation
    where TOut : unmanaged
{
    private static readonly CoreSignature VolumeSignature = CoreSignature.Parse("(z,y,x)->(z,y,x)");

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public CoreSignature Signature => VolumeSignature;

    /// <inheritdoc/>
    public abstract JsonObject Parameters { get; }

    /// <inheritdoc/>
    public DataType OutputType(IReadOnlyList<DataType> inputTypes)
    {
        ArgumentNullException.ThrowIfNull(inputTypes);
        if (inputTypes[0].AsNative() != DataType.For<float>())
        {
            throw new ArgumentException($"{Name} takes float32 blocks, not {inputTypes[0].Name}. Convert with AsType<float>() first.");
        }

        return DataType.For<TOut>();
    }

    /// <inheritdoc/>
    public void Validate(IReadOnlyList<int[]> inputCoreShapes)
    {
    }

    /// <inheritdoc/>
    public long WorkingSetBytes(IReadOnlyList<int[]> inputCoreShapes) => 0;

    /// <inheritdoc/>
    public INDBuffer Execute(IReadOnlyList<INDBuffer> inputs, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var input = (NDBuffer<float>)inputs[0];
        var output = NDBuffer<TOut>.Allocate(input.Shape, clear: false);
        try
        {
            Map(input.Span, output.Span);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>Writes the mapped <paramref name="source"/> into <paramref name="destination"/>, of equal length.</summary>
    protected abstract void Map(ReadOnlySpan<float> source, Span<TOut> destination);
}
