using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.DataTypes;
using Tessera.Shapes;

namespace Tessera.Zarr;

/// <summary>The contents of a Zarr v2 <c>.zarray</c> document.</summary>
public sealed record ZarrV2Metadata
{
    /// <summary>The name of the array metadata document.</summary>
    public const string ArrayKey = ".zarray";

    /// <summary>The size of each dimension.</summary>
    public required long[] Shape { get; init; }

    /// <summary>The shape of every chunk.</summary>
    public required int[] Chunks { get; init; }

    /// <summary>The stored element type, with its byte order.</summary>
    public required DataType DataType { get; init; }

    /// <summary>The compressor configuration (numcodecs form), or null for none.</summary>
    public JsonObject? Compressor { get; init; }

    /// <summary>The value of elements in chunks never written.</summary>
    public required FillValue FillValue { get; init; }

    /// <summary>The layout of elements inside each chunk.</summary>
    public MemoryOrder Order { get; init; } = MemoryOrder.C;

    /// <summary>The separator between chunk indices in chunk keys: <c>.</c> or <c>/</c>.</summary>
    public char DimensionSeparator { get; init; } = '.';

    /// <summary>Parses a <c>.zarray</c> document; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ZarrFormatException">The document is not valid JSON or not valid Zarr v2 metadata.</exception>
    public static ZarrV2Metadata Parse(ReadOnlySpan<byte> json, string source)
    {
        JsonObject root = ZarrJson.ParseObject(json, source);
        int format = ZarrJson.GetInt(root, "zarr_format", source);
        if (format != 2)
        {
            throw new ZarrFormatException($"'{source}': zarr_format is {format}; a .zarray document must say 2.");
        }

        long[] shape = ZarrJson.GetLongArray(root, "shape", source);
        long[] chunks = ZarrJson.GetLongArray(root, "chunks", source);
        if (chunks.Length != shape.Length)
        {
            throw new ZarrFormatException($"'{source}': chunks {ShapeMath.Format<long>(chunks)} and shape {ShapeMath.Format<long>(shape)} have different numbers of dimensions.");
        }

        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0 || chunks[i] <= 0 || chunks[i] > int.MaxValue)
            {
                throw new ZarrFormatException($"'{source}': shape {ShapeMath.Format<long>(shape)} must be non-negative and chunks {ShapeMath.Format<long>(chunks)} positive (axis {i}).");
            }
        }

        string dtypeString = root["dtype"] is JsonValue dv && dv.GetValueKind() == JsonValueKind.String
            ? dv.GetValue<string>()
            : throw new ZarrFormatException($"'{source}': field 'dtype' must be a type string such as \"<u2\"; found {root["dtype"]?.ToJsonString() ?? "nothing"}.");
        if (!DataType.TryParse(dtypeString, out var dataType))
        {
            throw new ZarrFormatException($"'{source}': dtype '{dtypeString}' is not supported; expected one of {DataType.SupportedTypeStrings}.");
        }

        if (root["filters"] is JsonArray { Count: > 0 } filters)
        {
            throw new ZarrFormatException($"'{source}': filters {filters.ToJsonString()} are not supported; Tessera reads arrays whose filters are null. Re-save the array without filters.");
        }

        var compressor = root["compressor"] switch
        {
            null => null,
            JsonObject o => (JsonObject)o.DeepClone(),
            var other => throw new ZarrFormatException($"'{source}': compressor must be an object such as {{\"id\": \"blosc\", ...}} or null; found {other.ToJsonString()}."),
        };

        string order = OptionalString(root, "order", "C", source);
        if (order is not ("C" or "F"))
        {
            throw new ZarrFormatException($"'{source}': order '{order}' is invalid; expected \"C\" or \"F\".");
        }

        string separator = OptionalString(root, "dimension_separator", ".", source);
        if (separator is not ("." or "/"))
        {
            throw new ZarrFormatException($"'{source}': dimension_separator '{separator}' is invalid; expected \".\" or \"/\".");
        }

        FillValue fill;
        try
        {
            fill = FillValue.Parse(root["fill_value"], dataType);
        }
        catch (FormatException ex)
        {
            throw new ZarrFormatException($"'{source}': {ex.Message}", ex);
        }

        return new ZarrV2Metadata
        {
            Shape = shape,
            Chunks = Array.ConvertAll(chunks, c => (int)c),
            DataType = dataType,
            Compressor = compressor,
            FillValue = fill,
            Order = order == "F" ? MemoryOrder.F : MemoryOrder.C,
            DimensionSeparator = separator[0],
        };
    }

    private static string OptionalString(JsonObject root, string name, string fallback, string source) => root[name] switch
    {
        null => fallback,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => throw new ZarrFormatException($"'{source}': field '{name}' must be a string; found {other.ToJsonString()}."),
    };

    /// <summary>The document as zarr-python writes it (keys sorted, indented by 4).</summary>
    public JsonObject ToJson() => new()
    {
        ["chunks"] = new JsonArray([.. Chunks.Select(c => (JsonNode)c)]),
        ["compressor"] = Compressor?.DeepClone(),
        ["dimension_separator"] = DimensionSeparator.ToString(),
        ["dtype"] = DataType.TypeString,
        ["fill_value"] = FillValue.Json?.DeepClone(),
        ["filters"] = null,
        ["order"] = Order.ToString(),
        ["shape"] = new JsonArray([.. Shape.Select(s => (JsonNode)s)]),
        ["zarr_format"] = 2,
    };
}
