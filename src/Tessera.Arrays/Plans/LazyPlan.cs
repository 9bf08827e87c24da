using System.Text.Json.Nodes;
using Tessera.Arrays.Graph;
using Tessera.Arrays.Operations;
using Tessera.DataTypes;

namespace Tessera.Arrays.Plans;

/// <summary>
/// A lazy array's graph as data: every node with its kind, parameters and inputs, in dependency order. A
/// plan rebuilds the same array in another process (same tokens, same results) through an
/// <see cref="OperationRegistry"/>; it is also what a resumable output records as its job's parameters.
/// </summary>
public static class LazyPlan
{
    /// <summary>The value of the plan's <c>format</c> field.</summary>
    public const string Format = "tessera-plan";

    /// <summary>Writes the graph of <paramref name="array"/>.</summary>
    /// <exception cref="PlanSerializationException">The graph holds a closure.</exception>
    public static JsonObject ToJson(LazyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var nodes = new JsonArray();
        var ids = new Dictionary<LazyArray, int>(ReferenceEqualityComparer.Instance);
        int output = Visit(array, nodes, ids);
        return new JsonObject
        {
            ["format"] = Format,
            ["version"] = 1,
            ["nodes"] = nodes,
            ["output"] = output,
        };
    }

    /// <summary>Rebuilds the array that <paramref name="plan"/> describes, opening its Zarr and TIFF sources.</summary>
    /// <exception cref="PlanSerializationException">The plan is malformed or names an unregistered operation.</exception>
    public static async Task<LazyArray> FromJsonAsync(JsonObject plan, OperationRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(registry);
        if ((string?)plan["format"] != Format || plan["nodes"] is not JsonArray nodes)
        {
            throw new PlanSerializationException($"Not a Tessera plan: it needs \"format\": \"{Format}\" and a \"nodes\" array.");
        }

        var built = new List<LazyArray>();
        foreach (var item in nodes)
        {
            var node = item as JsonObject ?? throw new PlanSerializationException($"Plan node {built.Count} is not an object.");
            var inputs = (node["inputs"] as JsonArray ?? []).Select(i => built[(int)i!]).ToArray();
            built.Add(await BuildAsync(node, inputs, registry, cancellationToken).ConfigureAwait(false));
        }

        return built[(int)plan["output"]!];
    }

    private static int Visit(LazyArray array, JsonArray nodes, Dictionary<LazyArray, int> ids)
    {
        if (ids.TryGetValue(array, out int id))
        {
            return id;
        }

        var inputs = array.Inputs.Select(i => Visit(i, nodes, ids)).ToArray();
        var node = array.Describe();
        node["inputs"] = new JsonArray(inputs.Select(i => (JsonNode)i).ToArray());
        id = nodes.Count;
        nodes.Add(node);
        ids[array] = id;
        return id;
    }

    private static async Task<LazyArray> BuildAsync(JsonObject node, LazyArray[] inputs, OperationRegistry registry, CancellationToken cancellationToken)
    {
        string kind = (string?)node["node"] ?? throw new PlanSerializationException("A plan node has no \"node\" kind.");
        switch (kind)
        {
            case "zarr":
                return await LazyArray.OpenZarrAsync((string)node["path"]!, cancellationToken).ConfigureAwait(false);
            case "tiff":
                return LazyArray.OpenTiff((string)node["path"]!);
            case "tiff-series":
                return LazyArray.OpenTiffSeries((string)node["pattern"]!);
            case "astype":
                var mode = (string?)node["mode"] == "round_clip" ? CastMode.RoundAndClip : CastMode.Truncate;
                return inputs[0].AsType(DataType.Parse((string)node["dtype"]!), mode);
            case "slice":
                var axes = ((JsonArray)node["axes"]!).Select(a => new AxisSelection((long)a![0]!, (long)a[1]!, (bool)a[2]!)).ToArray();
                return inputs[0].Select(axes);
            case "coarsen":
                return inputs[0].Coarsen([.. ((JsonArray)node["factors"]!).Select(f => (int)f!)], (node["chunks"] as JsonArray)?.Select(c => (int)c!).ToArray());
            case "transpose":
                return inputs[0].Transpose([.. ((JsonArray)node["permutation"]!).Select(a => (int)a!)]);
            case "map_blocks":
                var operation = registry.Create((string)node["operation"]!, (node["parameters"] as JsonObject) ?? []);
                if (operation.Signature.Text != (string?)node["signature"])
                {
                    throw new PlanSerializationException($"The plan gives operation '{operation.Name}' the signature '{node["signature"]}' but the registered operation has '{operation.Signature}'.");
                }

                return MapBlocksNode.Create(operation, inputs);
            default:
                throw new PlanSerializationException($"Unknown plan node kind '{kind}'; this version knows zarr, tiff, tiff-series, astype, slice, coarsen, transpose and map_blocks.");
        }
    }
}
