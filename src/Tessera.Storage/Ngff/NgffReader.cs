using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Ngff;

/// <summary>Parses NGFF image metadata from attributes, with errors that name the file and the JSON field path.</summary>
internal sealed partial class NgffReader
{
    private const string Order = "the order must be: time (optional), then channel or a custom type (optional), then 2 or 3 space axes";

    private readonly string _source;

    private NgffReader(string source) => _source = source;

    /// <summary>Reads the image metadata, or null when the attributes hold none.</summary>
    public static NgffImage? Read(JsonObject attributes, string source)
    {
        var reader = new NgffReader(source);
        var ome = attributes["ome"];
        if (ome is not null and not JsonObject)
        {
            throw reader.Fail("ome", $"must be an object such as {{\"version\": \"0.5\", \"multiscales\": [...]}}; found {Describe(ome)}");
        }

        if (ome is JsonObject omeObject && omeObject["multiscales"] is not null)
        {
            return reader.ReadV05(omeObject);
        }

        // An 'ome' object without multiscales is a plate, a well or a bioformats2raw layout: not an image.
        return attributes["multiscales"] is null ? null : reader.ReadV04(attributes);
    }

    private NgffImage ReadV05(JsonObject ome)
    {
        string version = ReadVersion(ome["version"], "ome.version");
        if (version == "0.4")
        {
            throw Fail("ome.version", "is \"0.4\", but OME-NGFF 0.4 keeps 'multiscales' at the top of the attributes (.zattrs of a Zarr v2 group), not under 'ome'; write \"0.5\" for a Zarr v3 group");
        }

        return new NgffImage
        {
            Version = NgffVersion.V0_5,
            Multiscales = ReadMultiscales(ome["multiscales"], "ome.multiscales", NgffVersion.V0_5),
            Omero = ReadOmero(ome["omero"], "ome.omero"),
        };
    }

    private NgffImage ReadV04(JsonObject attributes)
    {
        if (attributes["multiscales"] is JsonArray { Count: > 0 } list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                string field = $"multiscales[{i}].version";
                var node = (list[i] as JsonObject)?["version"];
                if (list[i] is JsonObject && node is null)
                {
                    throw Fail(field, $"is missing; OME-NGFF 0.4 puts \"version\": \"0.4\" in each multiscale (Tessera reads versions {NgffVersionExtensions.Supported})");
                }

                if (node is not null && ReadVersion(node, field) == "0.5")
                {
                    throw Fail(field, "is \"0.5\", but OME-Zarr 0.5 keeps its metadata under attributes 'ome' (of a Zarr v3 zarr.json) with one \"version\": \"0.5\"; move it there, or write \"0.4\"");
                }
            }
        }

        return new NgffImage
        {
            Version = NgffVersion.V0_4,
            Multiscales = ReadMultiscales(attributes["multiscales"], "multiscales", NgffVersion.V0_4),
            Omero = ReadOmero(attributes["omero"], "omero"),
        };
    }

    private string ReadVersion(JsonNode? node, string field)
    {
        string text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw Fail(field, $"must be a version string, \"0.4\" or \"0.5\"; found {Describe(node)}");
        return NgffVersionExtensions.TryParse(text, out _)
            ? text
            : throw Fail(field, $"OME-NGFF version \"{text}\" is not supported; Tessera reads versions {NgffVersionExtensions.Supported} (convert older data with ome-zarr-py or bioformats2raw)");
    }

    private NgffMultiscale[] ReadMultiscales(JsonNode? node, string field, NgffVersion version)
    {
        if (node is not JsonArray list || list.Count == 0)
        {
            throw Fail(field, $"must be a list of at least one multiscale {{\"axes\": [...], \"datasets\": [...]}}; found {Describe(node)}");
        }

        var result = new NgffMultiscale[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            result[i] = ReadMultiscale(list[i], $"{field}[{i}]", version);
        }

        return result;
    }

    private NgffMultiscale ReadMultiscale(JsonNode? node, string field, NgffVersion version)
    {
        var obj = node as JsonObject
            ?? throw Fail(field, $"must be an object with 'axes' and 'datasets'; found {Describe(node)}");
        if (version == NgffVersion.V0_5 && obj["version"] is { } own && (own is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>() != "0.5"))
        {
            throw Fail($"{field}.version", $"is {Describe(own)}, but the image's version (ome.version) is \"0.5\"; in 0.5 multiscales carry no version of their own, so remove it");
        }

        var axes = ReadAxes(obj["axes"], $"{field}.axes");
        var datasets = ReadDatasets(obj["datasets"], $"{field}.datasets", axes);
        double[]? scale = null;
        double[]? translation = null;
        if (obj["coordinateTransformations"] is { } transforms)
        {
            (scale, translation) = ReadTransforms(transforms, $"{field}.coordinateTransformations", axes);
        }

        return new NgffMultiscale
        {
            Axes = axes,
            Datasets = datasets,
            Name = ReadOptionalString(obj, "name", field),
            Type = ReadOptionalString(obj, "type", field),
            Metadata = obj["metadata"] switch
            {
                null => null,
                JsonObject m => (JsonObject)m.DeepClone(),
                var other => throw Fail($"{field}.metadata", $"must be an object; found {Describe(other)}"),
            },
            Scale = scale,
            Translation = translation,
        };
    }

    private NgffDataset[] ReadDatasets(JsonNode? node, string field, NgffAxis[] axes)
    {
        if (node is not JsonArray list || list.Count == 0)
        {
            throw Fail(field, $"must list at least one dataset {{\"path\": \"0\", \"coordinateTransformations\": [...]}}, highest resolution first; found {Describe(node)}");
        }

        var result = new NgffDataset[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            string f = $"{field}[{i}]";
            var obj = list[i] as JsonObject
                ?? throw Fail(f, $"must be an object with 'path' and 'coordinateTransformations'; found {Describe(list[i])}");
            string path = obj["path"] is JsonValue p && p.GetValueKind() == JsonValueKind.String && p.GetValue<string>().Length > 0
                ? p.GetValue<string>()
                : throw Fail($"{f}.path", $"must be the array's path relative to the image group, e.g. \"0\"; found {Describe(obj["path"])}");
            for (int j = 0; j < i; j++)
            {
                if (result[j].Path == path)
                {
                    throw Fail($"{f}.path", $"'{path}' is also the path of {field}[{j}]; each level needs its own array");
                }
            }

            var (scale, translation) = ReadTransforms(obj["coordinateTransformations"], $"{f}.coordinateTransformations", axes);
            result[i] = new NgffDataset(path, scale, translation);
        }

        return result;
    }

    private string? ReadOptionalString(JsonObject obj, string name, string field) => obj[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => throw Fail($"{field}.{name}", $"must be a string; found {Describe(other)}"),
    };

    private JsonObject? ReadOmero(JsonNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        var omero = node as JsonObject
            ?? throw Fail(field, $"must be an object such as {{\"channels\": [{{\"label\": \"DAPI\", ...}}]}}; found {Describe(node)}");
        if (omero["channels"] is { } channels)
        {
            if (channels is not JsonArray list)
            {
                throw Fail($"{field}.channels", $"must be a list of channel objects; found {Describe(channels)}");
            }

            for (int i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonObject channel)
                {
                    throw Fail($"{field}.channels[{i}]", $"must be an object such as {{\"label\": \"DAPI\", \"color\": \"0000FF\"}}; found {Describe(list[i])}");
                }

                if (channel["label"] is { } label && (label is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
                {
                    throw Fail($"{field}.channels[{i}].label", $"must be a string; found {Describe(label)}");
                }
            }
        }

        return (JsonObject)omero.DeepClone();
    }

    private ZarrFormatException Fail(string field, string message) => new($"'{_source}': {field}: {message}.");

    private static string Describe(JsonNode? node) => node?.ToJsonString() ?? "nothing";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
