using System.Text.Json.Nodes;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Arrays.Operations;

/// <summary>
/// A function applied block by block by <see cref="LazyArray.MapBlocks(IBlockOperation, LazyArray[])"/>:
/// it receives each input's core dimensions whole (loop dimensions are handled for it) and returns the
/// output's core block. Operations that may run in another process are named, parameterised records:
/// <see cref="Name"/> and <see cref="Parameters"/> rebuild them through an <see cref="OperationRegistry"/>.
/// Implementations must be thread-safe: the scheduler runs several blocks at once.
/// </summary>
public interface IBlockOperation
{
    /// <summary>The registry name, such as <c>richardson-lucy</c>.</summary>
    string Name { get; }

    /// <summary>The core signature, such as <c>(z,y,x),(pz,py,px)->(z,y,x)</c>.</summary>
    CoreSignature Signature { get; }

    /// <summary>
    /// The parameters that, with <see cref="Name"/>, recreate this operation; written in canonical order so
    /// that equal parameters give equal task keys.
    /// </summary>
    /// <exception cref="PlanSerializationException">The operation is an in-process closure that cannot be described.</exception>
    JsonObject Parameters { get; }

    /// <summary>The output element type for inputs of <paramref name="inputTypes"/>.</summary>
    /// <exception cref="ArgumentException">An input type is not supported; the message says which conversion to apply.</exception>
    DataType OutputType(IReadOnlyList<DataType> inputTypes);

    /// <summary>
    /// Checks the core shapes before any compute, so that bad input is refused up front.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not suit the operation; the message says why.</exception>
    void Validate(IReadOnlyList<int[]> inputCoreShapes);

    /// <summary>The bytes the operation needs for one block beyond its inputs and its result (scratch, caches).</summary>
    long WorkingSetBytes(IReadOnlyList<int[]> inputCoreShapes);

    /// <summary>Computes one output core block from the input core blocks, which it must not dispose.</summary>
    INDBuffer Execute(IReadOnlyList<INDBuffer> inputs, BlockContext context);
}
