using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Cli.Inspection;
using Tessera.Ngff;
using Tessera.Zarr;

namespace Tessera.Cli.Output;

/// <summary>
/// The JSON form of <c>tessera info --json</c>: one object whose field names follow the array's metadata
/// (<c>.zarray</c>'s <c>compressor</c>, <c>order</c>; or <c>zarr.json</c>'s <c>codecs</c>, <c>dimension_names</c>)
/// plus what Tessera adds (<c>node_type</c>, <c>chunk_grid</c>, <c>chunks_stored</c>, <c>shards</c>, ...).
/// </summary>
internal static class InfoJson
{
    private static readonly JsonSerializerOptions s_indented = new()
    {
        WriteIndented = true,
        // Printed for people and tools, never embedded in HTML: keep <, > and ' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document for <paramref name="info"/>, indented.</summary>
    public static string Format(NodeInfo info) => Build(info).ToJsonString(s_indented);

    /// <summary>The document for <paramref name="info"/>.</summary>
    public static JsonObject Build(NodeInfo info) => info switch
    {
        ArrayInfo array => BuildArray(array),
        GroupInfo group => BuildGroup(group),
        _ => throw new ArgumentException($"Unknown node info {info.GetType().Name}.", nameof(info)),
    };

    private static JsonObject BuildArray(ArrayInfo info)
    {
        var a = info.Array;
        var json = new JsonObject
        {
            ["path"] = info.Location,
            ["zarr_format"] = (int)a.Format,
            ["node_type"] = "array",
            ["shape"] = Numbers(a.Shape.ToArray()),
            ["dtype"] = a.DataType.TypeString,
            ["dtype_name"] = a.DataType.Name,
        };
        if (a.InnerChunkShape is { } inner)
        {
            // zarr-python 3's words: chunks are the read unit, shards the stored one.
            json["chunks"] = Numbers(inner.Select(c => (long)c));
            json["shards"] = Numbers(a.ChunkShape.ToArray().Select(c => (long)c));
        }
        else
        {
            json["chunks"] = Numbers(a.ChunkShape.ToArray().Select(c => (long)c));
        }

        json["chunk_grid"] = Numbers(info.GridShape);
        json["chunk_count"] = info.ChunkCount;
        json["chunks_stored"] = info.Stored.Count;
        json["stored_bytes"] = info.Stored.Bytes;
        json["decoded_bytes"] = info.DecodedBytes;
        if (a.V2Metadata is { } m)
        {
            json["order"] = m.Order.ToString();
            json["dimension_separator"] = m.DimensionSeparator.ToString();
            json["compressor"] = m.Compressor?.DeepClone();
            json["filters"] = null;
            json["fill_value"] = m.FillValue.Json?.DeepClone();
        }
        else
        {
            var v3 = a.V3Metadata!;
            json["chunk_key_encoding"] = v3.ChunkKeyEncoding.ToJson();
            json["codecs"] = new JsonArray([.. v3.Codecs.Select(c => (JsonNode)c.ToJson())]);
            json["fill_value"] = v3.FillValue.Json.DeepClone();
            json["dimension_names"] = v3.DimensionNames is null ? null : new JsonArray([.. v3.DimensionNames.Select(n => n is null ? null : (JsonNode)n)]);
        }

        json["attributes"] = info.Attributes.DeepClone();
        return json;
    }

    private static JsonObject BuildGroup(GroupInfo info)
    {
        var json = new JsonObject
        {
            ["path"] = info.Location,
            ["zarr_format"] = (int)info.Format,
            ["node_type"] = "group",
            ["members"] = new JsonArray([.. info.Members.Select(BuildMember)]),
        };
        if (info.Ome is { } ome)
        {
            json["ome"] = BuildImage(ome);
        }
        else if (info.OmeError is { } error)
        {
            json["ome_error"] = error;
        }

        json["attributes"] = info.Attributes.DeepClone();
        return json;
    }

    /// <summary>The <c>ome</c> object: version, axes, voxel size per space axis, levels and channel labels.</summary>
    private static JsonObject BuildImage(OmeInfo ome)
    {
        var m = ome.Multiscale;
        var voxel = new JsonObject();
        foreach (var (_, name, size, unit) in ome.VoxelSize)
        {
            voxel[name] = new JsonObject { ["size"] = size, ["unit"] = unit };
        }

        return new JsonObject
        {
            ["version"] = ome.Image.Version.ToText(),
            ["name"] = m.Name,
            ["type"] = m.Type,
            ["axes"] = new JsonArray([.. m.Axes.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["type"] = a.TypeName, ["unit"] = a.Unit })]),
            ["voxel_size"] = voxel,
            ["levels"] = new JsonArray([.. m.Datasets.Select((d, k) => (JsonNode)BuildLevel(d, ome.Levels[k]))]),
            ["channels"] = new JsonArray([.. ome.Image.ChannelLabels.Select(l => l is null ? null : (JsonNode)l)]),
        };
    }

    private static JsonObject BuildLevel(NgffDataset dataset, ZarrArray? array)
    {
        var json = new JsonObject
        {
            ["path"] = dataset.Path,
            ["shape"] = array is null ? null : Numbers(array.Shape.ToArray()),
            ["scale"] = new JsonArray([.. dataset.Scale.Select(v => (JsonNode)v)]),
            ["translation"] = dataset.Translation is null ? null : new JsonArray([.. dataset.Translation.Select(v => (JsonNode)v)]),
            ["chunks"] = array is null ? null : Numbers((array.InnerChunkShape ?? [.. array.ChunkShape]).Select(c => (long)c)),
        };
        if (array?.InnerChunkShape is not null)
        {
            json["shards"] = Numbers(array.ChunkShape.ToArray().Select(c => (long)c));
        }

        return json;
    }

    private static JsonNode BuildMember(MemberInfo member)
    {
        var json = new JsonObject
        {
            ["name"] = member.Name,
            ["node_type"] = member.Kind == ZarrMemberKind.Group ? "group" : "array",
        };
        if (member.Array is { } a)
        {
            json["zarr_format"] = (int)a.Format;
            json["shape"] = Numbers(a.Shape.ToArray());
            json["dtype"] = a.DataType.TypeString;
            json["chunks"] = Numbers((a.InnerChunkShape ?? [.. a.ChunkShape]).Select(c => (long)c));
            if (a.InnerChunkShape is not null)
            {
                json["shards"] = Numbers(a.ChunkShape.ToArray().Select(c => (long)c));
            }

            json["codecs"] = Formats.Codecs(a);
        }

        if (member.Error is not null)
        {
            json["error"] = member.Error;
        }

        return json;
    }

    private static JsonArray Numbers(IEnumerable<long> values) => new([.. values.Select(v => (JsonNode)v)]);
}
