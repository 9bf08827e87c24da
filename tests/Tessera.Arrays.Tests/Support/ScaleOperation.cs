using System.Text.Json.Nodes;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Arrays.Tests.Support;

/// <summary>A named, parameterised test operation: multiplies a float32 volume by <see cref="Factor"/>.</summary>
internal sealed record ScaleOperation(double Factor) : IBlockOperation
{
    public const string OperationName = "test-scale";

    private static readonly CoreSignature ScaleSignature = CoreSignature.Parse("(z,y,x)->(z,y,x)");

    public string Name => OperationName;

    public CoreSignature Signature => ScaleSignature;

    public JsonObject Parameters => new() { ["factor"] = Factor };

    public static OperationRegistry Register(OperationRegistry registry) =>
        registry.Register(OperationName, p => new ScaleOperation((double)p["factor"]!));

    public DataType OutputType(IReadOnlyList<DataType> inputTypes) =>
        inputTypes[0] == DataType.For<float>() ? inputTypes[0] : throw new ArgumentException($"test-scale takes float32, not {inputTypes[0].Name}.");

    public void Validate(IReadOnlyList<int[]> inputCoreShapes)
    {
    }

    public long WorkingSetBytes(IReadOnlyList<int[]> inputCoreShapes) => 0;

    public INDBuffer Execute(IReadOnlyList<INDBuffer> inputs, BlockContext context)
    {
        var input = (NDBuffer<float>)inputs[0];
        var output = NDBuffer<float>.Allocate(input.Shape, clear: false);
        float factor = (float)Factor;
        var source = input.Span;
        var destination = output.Span;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] * factor;
        }

        return output;
    }
}
