using System.Text.Json.Nodes;

namespace Tessera.Ngff;

/// <summary>Writes NGFF image metadata into attributes in the layout of its version.</summary>
internal static class NgffWriter
{
    private static readonly string[] NgffKeys = ["version", "multiscales", "omero"];

    public static JsonObject Write(NgffImage image, JsonObject? attributes)
    {
        var result = attributes is null ? [] : (JsonObject)attributes.DeepClone();
        var oldOme = result["ome"] as JsonObject;
        result.Remove("multiscales");
        result.Remove("omero");
        result.Remove("ome");

        var multiscales = new JsonArray();
        foreach (var multiscale in image.Multiscales)
        {
            multiscales.Add(WriteMultiscale(multiscale, image.Version));
        }

        if (image.Version == NgffVersion.V0_4)
        {
            result["multiscales"] = multiscales;
            if (image.Omero is not null)
            {
                result["omero"] = image.Omero.DeepClone();
            }

            // Keep what else the 'ome' object held (it is not image metadata), without a 0.5 image in it.
            var rest = Rest(oldOme, keepVersion: true);
            if (rest is not null && rest.Any(p => p.Key != "version"))
            {
                result["ome"] = rest;
            }

            return result;
        }

        var ome = new JsonObject { ["version"] = image.Version.ToText(), ["multiscales"] = multiscales };
        if (image.Omero is not null)
        {
            ome["omero"] = image.Omero.DeepClone();
        }

        foreach (var (key, value) in Rest(oldOme, keepVersion: false) ?? [])
        {
            ome[key] = value?.DeepClone();
        }

        result["ome"] = ome;
        return result;
    }

    private static JsonObject? Rest(JsonObject? ome, bool keepVersion)
    {
        if (ome is null)
        {
            return null;
        }

        var rest = new JsonObject();
        foreach (var (key, value) in ome)
        {
            if (Array.IndexOf(NgffKeys, key) < 0 || (keepVersion && key == "version"))
            {
                rest[key] = value?.DeepClone();
            }
        }

        return rest;
    }

    private static JsonObject WriteMultiscale(NgffMultiscale multiscale, NgffVersion version)
    {
        var obj = new JsonObject();
        if (version == NgffVersion.V0_4)
        {
            obj["version"] = version.ToText();
        }

        if (multiscale.Name is not null)
        {
            obj["name"] = multiscale.Name;
        }

        var axes = new JsonArray();
        foreach (var axis in multiscale.Axes)
        {
            var a = new JsonObject { ["name"] = axis.Name };
            if (axis.TypeName is not null)
            {
                a["type"] = axis.TypeName;
            }

            if (axis.Unit is not null)
            {
                a["unit"] = axis.Unit;
            }

            axes.Add(a);
        }

        obj["axes"] = axes;
        var datasets = new JsonArray();
        foreach (var dataset in multiscale.Datasets)
        {
            datasets.Add(new JsonObject
            {
                ["path"] = dataset.Path,
                ["coordinateTransformations"] = Transforms(dataset.Scale, dataset.Translation),
            });
        }

        obj["datasets"] = datasets;
        if (multiscale.Scale is not null || multiscale.Translation is not null)
        {
            // A translation without a scale is written as it is, so that reading it back reports the missing scale.
            obj["coordinateTransformations"] = Transforms(multiscale.Scale, multiscale.Translation);
        }

        if (multiscale.Type is not null)
        {
            obj["type"] = multiscale.Type;
        }

        if (multiscale.Metadata is not null)
        {
            obj["metadata"] = multiscale.Metadata.DeepClone();
        }

        return obj;
    }

    private static JsonArray Transforms(double[]? scale, double[]? translation)
    {
        var list = new JsonArray();
        if (scale is not null)
        {
            list.Add(new JsonObject { ["type"] = "scale", ["scale"] = Numbers(scale) });
        }

        if (translation is not null)
        {
            list.Add(new JsonObject { ["type"] = "translation", ["translation"] = Numbers(translation) });
        }

        return list;
    }

    private static JsonArray Numbers(double[] values)
    {
        var list = new JsonArray();
        foreach (double v in values)
        {
            list.Add(JsonValue.Create(v));
        }

        return list;
    }
}
