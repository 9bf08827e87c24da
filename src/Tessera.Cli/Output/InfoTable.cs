using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Tessera.Cli.Inspection;
using Tessera.Ngff;
using Tessera.Shapes;
using Tessera.Zarr;

namespace Tessera.Cli.Output;

/// <summary>The human form of <c>tessera info</c>: Spectre tables.</summary>
internal static class InfoTable
{
    private static readonly JsonSerializerOptions s_indented = new()
    {
        WriteIndented = true,
        // Printed for people and tools, never embedded in HTML: keep <, > and ' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="info"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, NodeInfo info)
    {
        switch (info)
        {
            case ArrayInfo array:
                WriteArray(console, array);
                break;
            case GroupInfo group:
                WriteGroup(console, group);
                break;
            default:
                throw new ArgumentException($"Unknown node info {info.GetType().Name}.", nameof(info));
        }
    }

    private static void WriteArray(IAnsiConsole console, ArrayInfo info)
    {
        var a = info.Array;
        string unit = a.InnerChunkShape is null ? "chunk" : "shard";
        string ratio = info.Stored.Bytes > 0
            ? $", ratio {Formats.Number((double)info.Stored.Count * a.ChunkByteCount / info.Stored.Bytes, 2)}"
            : "";
        var table = NewTable("property", "value");
        AddRow(table, "shape", ShapeMath.Format(a.Shape));
        AddRow(table, "dtype", $"{a.DataType.TypeString} ({a.DataType.Name})");
        if (a.InnerChunkShape is { } inner)
        {
            AddRow(table, "chunks", $"{ShapeMath.Format<int>([.. inner])} (read unit, inside shards)");
            AddRow(table, "shards", $"{ShapeMath.Format(a.ChunkShape)} (stored unit), {Formats.Bytes(a.ChunkByteCount)} decoded{(a.WholeChunksFit ? "" : " (larger than one buffer: read-only in Tessera)")}");
        }
        else
        {
            AddRow(table, "chunks", ShapeMath.Format(a.ChunkShape));
        }

        AddRow(table, $"{unit} grid", $"{ShapeMath.Format<long>(info.GridShape)} = {info.ChunkCount} {unit}{(info.ChunkCount == 1 ? "" : "s")}");
        AddRow(table, $"stored {unit}s", $"{info.Stored.Count} of {info.ChunkCount} ({Formats.Bytes(info.Stored.Bytes)} on disk{ratio})");
        if (a.V2Metadata is { } m)
        {
            AddRow(table, "order", m.Order == MemoryOrder.C ? "C (row-major)" : "F (column-major)");
            AddRow(table, "dimension separator", $"'{m.DimensionSeparator}'");
            AddRow(table, "compressor", Formats.Codecs(a));
            AddRow(table, "filters", "none");
            AddRow(table, "fill value", m.FillValue.ToString());
        }
        else
        {
            var v3 = a.V3Metadata!;
            AddRow(table, "codecs", Formats.Codecs(a));
            AddRow(table, "chunk key encoding", $"{v3.ChunkKeyEncoding.Name} ('{v3.ChunkKeyEncoding.Separator}')");
            AddRow(table, "fill value", v3.FillValue.ToString());
            AddRow(table, "dimension names", v3.DimensionNames is null ? "none" : string.Join(", ", v3.DimensionNames.Select(n => n ?? "(unnamed)")));
        }

        AddRow(table, "decoded size", $"{Formats.Bytes(info.DecodedBytes)} ({info.DecodedBytes} bytes)");
        AddRow(table, "attributes", info.Attributes.Count == 0 ? "none" : info.Attributes.ToJsonString(s_indented));

        console.Write(new Text($"Zarr v{(int)a.Format} array {info.Location}", new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        console.Write(table);
    }

    private static void WriteGroup(IAnsiConsole console, GroupInfo info)
    {
        console.Write(new Text($"Zarr v{(int)info.Format} group {info.Location}", new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        if (info.Members.Count == 0)
        {
            console.Write(new Text("members: none"));
            console.WriteLine();
        }
        else
        {
            var table = NewTable("name", "kind", "shape", "dtype", "chunks", "codecs");
            foreach (var member in info.Members)
            {
                table.AddRow(MemberRow(member));
            }

            console.Write(table);
        }

        if (info.Ome is { } ome)
        {
            WriteImage(console, ome);
        }
        else if (info.OmeError is { } error)
        {
            console.Write(new Text($"OME-NGFF metadata unreadable: {error}"));
            console.WriteLine();
        }

        console.Write(new Text(info.Attributes.Count == 0 ? "attributes: none" : "attributes: " + info.Attributes.ToJsonString(s_indented)));
        console.WriteLine();
    }

    private static void WriteImage(IAnsiConsole console, OmeInfo ome)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var m = ome.Multiscale;
        console.Write(new Text($"OME-NGFF {ome.Image.Version.ToText()} image{(m.Name is null ? "" : $" '{m.Name}'")}, {m.Datasets.Count} level(s){(m.Type is null ? "" : $", downsampled by {m.Type}")}", new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        var axes = NewTable("axis", "type", "unit", "voxel size");
        var sizes = ome.VoxelSize.ToDictionary(v => v.Axis, v => v.Size);
        for (int i = 0; i < m.Axes.Count; i++)
        {
            var axis = m.Axes[i];
            string size = sizes.TryGetValue(i, out double s) ? $"{s.ToString("G6", culture)}{(axis.Unit is null ? "" : " " + axis.Unit)}" : "";
            axes.AddRow(new Text(axis.Name), new Text(axis.TypeName ?? "(none)"), new Text(axis.Unit ?? ""), new Text(size));
        }

        console.Write(axes);
        var levels = NewTable("level", "path", "shape", "scale", "translation", "chunks");
        for (int k = 0; k < m.Datasets.Count; k++)
        {
            var dataset = m.Datasets[k];
            var array = ome.Levels[k];
            levels.AddRow(
                new Text(k.ToString(culture)), new Text(dataset.Path), new Text(array is null ? "unreadable" : ShapeMath.Format(array.Shape)),
                new Text(Numbers(dataset.Scale)), new Text(dataset.Translation is null ? "none" : Numbers(dataset.Translation)), new Text(OmeInfo.Chunks(array)));
        }

        console.Write(levels);
        var labels = ome.Image.ChannelLabels;
        if (labels.Count > 0)
        {
            console.Write(new Text("channels: " + string.Join(", ", labels.Select(l => l ?? "(no label)"))));
            console.WriteLine();
        }
    }

    private static string Numbers(double[] values) =>
        "(" + string.Join(", ", values.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))) + ")";

    private static Text[] MemberRow(MemberInfo member)
    {
        string kind = member.Kind == ZarrMemberKind.Group ? "group" : "array";
        if (member.Array is { } a)
        {
            string chunks = a.InnerChunkShape is { } inner
                ? $"{ShapeMath.Format<int>([.. inner])} in shards {ShapeMath.Format(a.ChunkShape)}"
                : ShapeMath.Format(a.ChunkShape);
            return [new(member.Name), new(kind), new(ShapeMath.Format(a.Shape)), new($"{a.DataType.TypeString} ({a.DataType.Name})"), new(chunks), new(Formats.CodecNames(a))];
        }

        return member.Error is null
            ? [new(member.Name), new(kind), new(""), new(""), new(""), new("")]
            : [new(member.Name), new(kind), new($"unreadable: {member.Error}"), new(""), new(""), new("")];
    }

    private static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    private static void AddRow(Table table, string property, string value) =>
        table.AddRow(new Text(property), new Text(value));
}
