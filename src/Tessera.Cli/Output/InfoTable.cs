using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Tessera.Cli.Inspection;
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
            ? $", ratio {Formats.Number((double)info.Stored.Count * a.ChunkByteLength / info.Stored.Bytes, 2)}"
            : "";
        var table = NewTable("property", "value");
        AddRow(table, "shape", ShapeMath.Format(a.Shape));
        AddRow(table, "dtype", $"{a.DataType.TypeString} ({a.DataType.Name})");
        if (a.InnerChunkShape is { } inner)
        {
            AddRow(table, "chunks", $"{ShapeMath.Format<int>([.. inner])} (read unit, inside shards)");
            AddRow(table, "shards", $"{ShapeMath.Format(a.ChunkShape)} (stored unit)");
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

        console.Write(new Text(info.Attributes.Count == 0 ? "attributes: none" : "attributes: " + info.Attributes.ToJsonString(s_indented)));
        console.WriteLine();
    }

    private static Text[] MemberRow(MemberInfo member)
    {
        string kind = member.Kind == ZarrMemberKind.Group ? "group" : "array";
        if (member.Array is { } a)
        {
            string chunks = a.InnerChunkShape is { } inner
                ? $"{ShapeMath.Format<int>([.. inner])} in shards {ShapeMath.Format(a.ChunkShape)}"
                : ShapeMath.Format(a.ChunkShape);
            return [new(member.Name), new(kind), new(ShapeMath.Format(a.Shape)), new($"{a.DataType.TypeString} ({a.DataType.Name})"), new(chunks), new(Formats.Codecs(a))];
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
