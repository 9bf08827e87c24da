using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Ngff;

internal sealed partial class NgffReader
{
    private (double[] Scale, double[]? Translation) ReadTransforms(JsonNode? node, string field, NgffAxis[] axes)
    {
        if (node is not JsonArray list)
        {
            throw Fail(field, $"must be a list of transforms such as [{{\"type\": \"scale\", \"scale\": [...]}}]; found {Describe(node)}");
        }

        bool shapeOk = list.Count is 1 or 2
            && TypeOf(list[0]) == "scale"
            && (list.Count == 1 || TypeOf(list[1]) == "translation");
        if (!shapeOk)
        {
            string found = "[" + string.Join(", ", list.Select(t => TypeOf(t) is { } type ? $"'{type}'" : Describe(t))) + "]";
            throw Fail(field, $"needs exactly one 'scale' transform first, optionally followed by one 'translation'; found {found}");
        }

        double[] scale = ReadVector((JsonObject)list[0]!, "scale", $"{field}[0]", axes);
        for (int d = 0; d < scale.Length; d++)
        {
            if (!(scale[d] > 0))
            {
                throw Fail($"{field}[0].scale[{d}]", $"must be positive (the voxel size along axis '{axes[d].Name}'); found {Format(scale[d])}");
            }
        }

        double[]? translation = list.Count == 2 ? ReadVector((JsonObject)list[1]!, "translation", $"{field}[1]", axes) : null;
        return (scale, translation);
    }

    private double[] ReadVector(JsonObject transform, string kind, string field, NgffAxis[] axes)
    {
        var values = transform[kind];
        if (values is null && transform["path"] is not null)
        {
            throw Fail(field, $"a {kind} stored in a separate array ('path') is not supported; write the values inline as \"{kind}\": [...]");
        }

        if (values is not JsonArray list)
        {
            throw Fail($"{field}.{kind}", $"must be a list of numbers, one per axis; found {Describe(values)}");
        }

        if (list.Count != axes.Length)
        {
            throw Fail($"{field}.{kind}", $"has {list.Count} values but axes has {axes.Length} entries ({string.Join(", ", axes.Select(a => a.Name))}); give one value per axis");
        }

        var result = new double[list.Count];
        for (int d = 0; d < list.Count; d++)
        {
            // Parsing the JSON text accepts numbers however the node was made (parsed, or created from int or double).
            result[d] = list[d] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
                ? x
                : throw Fail($"{field}.{kind}[{d}]", $"must be a finite number; found {Describe(list[d])}");
        }

        return result;
    }

    private static string? TypeOf(JsonNode? transform) =>
        transform is JsonObject o && o["type"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
