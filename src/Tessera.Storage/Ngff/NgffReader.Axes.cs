using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Ngff;

internal sealed partial class NgffReader
{
    private NgffAxis[] ReadAxes(JsonNode? node, string field)
    {
        if (node is not JsonArray list)
        {
            throw Fail(field, $"must be a list of axes such as [{{\"name\": \"y\", \"type\": \"space\", \"unit\": \"micrometer\"}}, ...]; found {Describe(node)}");
        }

        if (list.Count is < 2 or > 5)
        {
            throw Fail(field, $"must have 2 to 5 entries (2 or 3 space axes, optionally after one time and one channel axis); found {list.Count}");
        }

        var axes = new NgffAxis[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            axes[i] = ReadAxis(list[i], $"{field}[{i}]");
            for (int j = 0; j < i; j++)
            {
                if (axes[j].Name == axes[i].Name)
                {
                    throw Fail($"{field}[{i}].name", $"'{axes[i].Name}' is also the name of {field}[{j}]; axis names must be unique");
                }
            }
        }

        CheckOrder(axes, field);
        return axes;
    }

    private NgffAxis ReadAxis(JsonNode? node, string field)
    {
        var obj = node as JsonObject
            ?? throw Fail(field, $"must be an object such as {{\"name\": \"x\", \"type\": \"space\", \"unit\": \"micrometer\"}}; found {Describe(node)}");
        string name = obj["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String && n.GetValue<string>().Length > 0
            ? n.GetValue<string>()
            : throw Fail($"{field}.name", $"must be a non-empty string such as \"x\"; found {Describe(obj["name"])}");
        string? typeName = ReadOptionalString(obj, "type", field);
        string? unit = ReadOptionalString(obj, "unit", field);
        var type = typeName switch
        {
            "time" => NgffAxisType.Time,
            "channel" => NgffAxisType.Channel,
            "space" => NgffAxisType.Space,
            _ => NgffAxisType.Custom,
        };
        if (unit is not null && NgffUnits.Problem(type, unit) is { } problem)
        {
            throw Fail($"{field}.unit", $"{problem}, on {type.ToString().ToLowerInvariant()} axis '{name}'");
        }

        return new NgffAxis(name, type, unit) { CustomType = type == NgffAxisType.Custom ? typeName : null };
    }

    private void CheckOrder(NgffAxis[] axes, string field)
    {
        string found = "[" + string.Join(", ", axes.Select(a => $"{a.Name} ({a.TypeName ?? "no type"})")) + "]";
        int times = 0;
        int channels = 0;
        int spaces = 0;
        for (int i = 0; i < axes.Length; i++)
        {
            var axis = axes[i];
            int slot = Slot(axis.Type);
            if (i > 0 && slot < Slot(axes[i - 1].Type))
            {
                throw Fail(field, $"axis '{axis.Name}' comes after '{axes[i - 1].Name}'; {Order}; found {found}");
            }

            switch (axis.Type)
            {
                case NgffAxisType.Time:
                    times++;
                    break;
                case NgffAxisType.Space:
                    spaces++;
                    break;
                default:
                    channels++;
                    break;
            }
        }

        if (times > 1)
        {
            throw Fail(field, $"has {times} time axes; at most one is allowed; found {found}");
        }

        if (channels > 1)
        {
            throw Fail(field, $"has {channels} channel or custom-typed axes; at most one is allowed; found {found}");
        }

        if (spaces is < 2 or > 3)
        {
            throw Fail(field, $"needs 2 or 3 axes of type 'space'; found {spaces.ToString(CultureInfo.InvariantCulture)} in {found}");
        }
    }

    private static int Slot(NgffAxisType type) => type switch
    {
        NgffAxisType.Time => 0,
        NgffAxisType.Space => 2,
        _ => 1,
    };
}
