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
        var m = info.Metadata;
        long chunkBytes = ShapeMath.Product(m.Chunks) * m.DataType.ItemSize;
        string ratio = info.Stored.Bytes > 0
            ? $", ratio {Formats.Number((double)info.Stored.Count * chunkBytes / info.Stored.Bytes, 2)}"
            : "";
        var table = NewTable("property", "value");
        AddRow(table, "shape", ShapeMath.Format<long>(m.Shape));
        AddRow(table, "dtype", $"{m.DataType.TypeString} ({m.DataType.Name})");
        AddRow(table, "chunks", ShapeMath.Format<int>(m.Chunks));
        AddRow(table, "chunk grid", $"{ShapeMath.Format<long>(info.GridShape)} = {info.ChunkCount} chunk{(info.ChunkCount == 1 ? "" : "s")}");
        AddRow(table, "stored chunks", $"{info.Stored.Count} of {info.ChunkCount} ({Formats.Bytes(info.Stored.Bytes)} on disk{ratio})");
        AddRow(table, "order", m.Order == MemoryOrder.C ? "C (row-major)" : "F (column-major)");
        AddRow(table, "dimension separator", $"'{m.DimensionSeparator}'");
        AddRow(table, "compressor", Formats.Codec(m.Compressor));
        AddRow(table, "filters", "none");
        AddRow(table, "fill value", m.FillValue.ToString());
        AddRow(table, "decoded size", $"{Formats.Bytes(info.DecodedBytes)} ({info.DecodedBytes} bytes)");
        AddRow(table, "attributes", info.Attributes.Count == 0 ? "none" : info.Attributes.ToJsonString(s_indented));

        console.Write(new Text($"Zarr v2 array {info.Location}", new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        console.Write(table);
    }

    private static void WriteGroup(IAnsiConsole console, GroupInfo info)
    {
        console.Write(new Text($"Zarr v2 group {info.Location}", new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        if (info.Members.Count == 0)
        {
            console.Write(new Text("members: none"));
            console.WriteLine();
        }
        else
        {
            var table = NewTable("name", "kind", "shape", "dtype", "chunks", "compressor");
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
        if (member.Metadata is { } m)
        {
            return [new(member.Name), new(kind), new(ShapeMath.Format<long>(m.Shape)), new($"{m.DataType.TypeString} ({m.DataType.Name})"), new(ShapeMath.Format<int>(m.Chunks)), new(Formats.Codec(m.Compressor))];
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
