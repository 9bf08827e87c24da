using System.Text.Json.Nodes;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Arrays.Operations;

/// <summary>
/// A block operation made from a delegate, for in-process runs. It has no parameters that could
/// recreate it elsewhere: describing it throws <see cref="PlanSerializationException"/>, and its task
/// keys are unique to this instance rather than derived from its inputs.
/// </summary>
internal sealed class ClosureOperation(CoreSignature signature, DataType outputType, Func<IReadOnlyList<INDBuffer>, BlockContext, INDBuffer> function, long workingSetBytes)
    : IBlockOperation
{
    public string Name { get; } = "closure-" + Guid.NewGuid().ToString("N");

    public CoreSignature Signature => signature;

    public JsonObject Parameters => throw new PlanSerializationException(
        $"Operation '{Name}' ({signature}) is a closure: it can run in this process but cannot be written into a plan for another process, a resume record or a cluster. " +
        "Implement IBlockOperation as a named record and register it in an OperationRegistry.");

    public DataType OutputType(IReadOnlyList<DataType> inputTypes) => outputType;

    public void Validate(IReadOnlyList<int[]> inputCoreShapes)
    {
    }

    public long WorkingSetBytes(IReadOnlyList<int[]> inputCoreShapes) => workingSetBytes;

    public INDBuffer Execute(IReadOnlyList<INDBuffer> inputs, BlockContext context) => function(inputs, context);
}
