using System.Text.Json.Nodes;
using Tessera.Arrays.Graph;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Plans;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Arrays.Tests.Graph;

public sealed class TokenTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Token_GraphsBuiltIndependentlyFromTheSameFolderAgree()
    {
        string source = await WriteSourceAsync("a");

        var first = await PipelineAsync(source, factor: 2.5);
        var second = await PipelineAsync(source, factor: 2.5);

        Assert.NotSame(first, second);
        Assert.Equal(first.Token, second.Token);
        Assert.Matches("^[0-9a-f]{64}$", first.Token);
        Assert.Equal(first.BlockKey([1, 0, 0, 0, 0]), second.BlockKey([1, 0, 0, 0, 0]));
        Assert.Equal($"map_blocks-{first.Token[..16]}(1,0,0,0,0)", first.BlockKey([1, 0, 0, 0, 0]));
        Assert.NotEqual(first.BlockKey([1, 0, 0, 0, 0]), first.BlockKey([0, 1, 0, 0, 0]));
        Assert.True(first.IsSerializable);
    }

    [Fact]
    public async Task Token_DiffersWithParametersSliceTypeAndSource()
    {
        string source = await WriteSourceAsync("a");
        string copy = await WriteSourceAsync("b");
        var reference = await PipelineAsync(source, factor: 2.5);
        var zarr = await LazyArray.OpenZarrAsync(source);

        string[] tokens =
        [
            reference.Token,
            (await PipelineAsync(source, factor: 3)).Token,
            (await PipelineAsync(copy, factor: 2.5)).Token,
            zarr.Token,
            (await LazyArray.OpenZarrAsync(copy)).Token,
            zarr.AsType<float>().Token,
            zarr.AsType<double>().Token,
            zarr.AsType(DataType.For<float>(), CastMode.RoundAndClip).Token,
            zarr.AsType<float>().Slice(0..1).Token,
            zarr.AsType<float>().Slice(1..2).Token,
            zarr.AsType<float>().Take(0, 1).Token,
            zarr.AsType<float>().Slice(0..1).MapBlocks(new ScaleOperation(2.5)).Token,
        ];

        Assert.Equal(tokens.Length, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(zarr.Token, (await LazyArray.OpenZarrAsync(source + "/")).Token);
    }

    [Fact]
    public async Task Token_ClosuresAreUniquePerMapBlocksCall()
    {
        var zarr = (await LazyArray.OpenZarrAsync(await WriteSourceAsync("a"))).AsType<float>();
        static INDBuffer Identity(IReadOnlyList<INDBuffer> inputs, BlockContext context)
        {
            var input = (NDBuffer<float>)inputs[0];
            var output = NDBuffer<float>.Allocate(input.Shape);
            input.Span.CopyTo(output.Span);
            return output;
        }

        var first = LazyArray.MapBlocks("(z,y,x)->(z,y,x)", DataType.For<float>(), Identity, [zarr]);
        var second = LazyArray.MapBlocks("(z,y,x)->(z,y,x)", DataType.For<float>(), Identity, [zarr]);

        Assert.Equal(first.Token, first.Token);
        Assert.NotEqual(first.Token, second.Token);
        Assert.NotEqual(first.Slice(0..1).Token, second.Slice(0..1).Token);
        Assert.False(first.IsSerializable);
        Assert.False(first.Slice(0..1).IsSerializable);
        Assert.True(zarr.IsSerializable);
    }

    [Fact]
    public async Task ToJson_RefusesAClosureNamingItAndTheFix()
    {
        var zarr = (await LazyArray.OpenZarrAsync(await WriteSourceAsync("a"))).AsType<float>();
        var closure = LazyArray.MapBlocks("(z,y,x)->(z,y,x)", DataType.For<float>(), (inputs, _) => inputs[0], [zarr]);

        var error = Assert.Throws<PlanSerializationException>(() => LazyPlan.ToJson(closure.Slice(0..1)));

        Assert.Contains("is a closure", error.Message, StringComparison.Ordinal);
        Assert.Contains("(z,y,x)->(z,y,x)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Implement IBlockOperation as a named record and register it in an OperationRegistry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_RoundTripsThroughJsonTextWithTheSameTokenAndValues()
    {
        string source = await WriteSourceAsync("a");
        var array = (await PipelineAsync(source, factor: 0.75)).Take(1, 2);
        var registry = ScaleOperation.Register(new OperationRegistry());

        string text = LazyPlan.ToJson(array).ToJsonString();
        var rebuilt = await LazyPlan.FromJsonAsync(JsonNode.Parse(text)!.AsObject(), registry);

        Assert.Contains("\"format\":\"tessera-plan\"", text, StringComparison.Ordinal);
        Assert.Contains("\"operation\":\"test-scale\"", text, StringComparison.Ordinal);
        Assert.Equal(array.Token, rebuilt.Token);
        Assert.Equal(array.Shape.ToArray(), rebuilt.Shape.ToArray());
        using var expected = await array.ComputeAsync<float>();
        using var actual = await rebuilt.ComputeAsync<float>();
        Assert.Equal(expected.Span.ToArray(), actual.Span.ToArray());

        // And independently of the plan: a quarter-scaled copy of time point 2 of the source.
        using var raw = await (await LazyArray.OpenZarrAsync(source)).Take(1, 2).ComputeAsync<ushort>();
        Assert.Equal(raw.Span.ToArray().Select(v => v * 0.75f).ToArray(), actual.Span.ToArray());
    }

    [Fact]
    public async Task Plan_NamingAnUnregisteredOperationFailsClearly()
    {
        var array = await PipelineAsync(await WriteSourceAsync("a"), factor: 2);
        var plan = LazyPlan.ToJson(array);
        var registry = new OperationRegistry().Register("something-else", _ => new ScaleOperation(1));

        var error = await Assert.ThrowsAsync<PlanSerializationException>(() => LazyPlan.FromJsonAsync(plan, registry));

        Assert.Contains("operation 'test-scale', which is not registered (registered: something-else)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_RefusesASignatureThatDiffersFromTheRegisteredOperation()
    {
        var plan = LazyPlan.ToJson(await PipelineAsync(await WriteSourceAsync("a"), factor: 2));
        var node = plan["nodes"]!.AsArray().Single(n => (string?)n!["node"] == "map_blocks")!;
        node["signature"] = "(y,x)->(y,x)";

        var error = await Assert.ThrowsAsync<PlanSerializationException>(() => LazyPlan.FromJsonAsync(plan, ScaleOperation.Register(new OperationRegistry())));

        Assert.Contains("'(y,x)->(y,x)'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'(z,y,x)->(z,y,x)'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_RefusesADuplicateName()
    {
        var registry = ScaleOperation.Register(new OperationRegistry());

        Assert.True(registry.Contains(ScaleOperation.OperationName));
        var error = Assert.Throws<ArgumentException>(() => ScaleOperation.Register(registry));
        Assert.Contains("'test-scale' is registered already", error.Message, StringComparison.Ordinal);
    }

    private static async Task<LazyArray> PipelineAsync(string source, double factor) =>
        (await LazyArray.OpenZarrAsync(source)).AsType<float>().MapBlocks(new ScaleOperation(factor));

    private async Task<string> WriteSourceAsync(string name)
    {
        string path = _folder.Combine(name);
        using var data = TestArrays.RandomUInt16([2, 3, 4, 5, 6], seed: 99);
        await TestArrays.WriteAsync(path, data, [1, 2, 4, 5, 6]);
        return path;
    }
}
