using System.Globalization;
using Spectre.Console;
using Tessera.Cli.Inspection;

namespace Tessera.Cli.Output;

/// <summary>The human form of <c>tessera info FILE.tif</c>: one Spectre table.</summary>
internal static class TiffInfoTable
{
    /// <summary>Writes <paramref name="info"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, TiffInfo info)
    {
        var culture = CultureInfo.InvariantCulture;
        var page = info.First;
        var m = info.Metadata;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(new Text("property")));
        table.AddColumn(new TableColumn(new Text("value")));
        void Row(string property, string value) => table.AddRow(new Text(property), new Text(value));

        Row("pages", info.Pages.Count.ToString(culture));
        Row("page shape", $"{page.Height} × {page.Width} (y × x)");
        Row("dtype", $"{page.DataType.TypeString} ({page.DataType.Name})");
        Row("compression", string.Join(", ", info.Compressions) + (page.Predictor > 1 ? $" (predictor {page.Predictor})" : ""));
        Row("layout", page.IsTiled ? $"tiled, tiles {page.BlockHeight} × {page.BlockWidth}" : $"stripped, {page.BlockHeight} row(s) per strip");
        Row("BigTIFF", info.BigTiff ? "yes" : "no");
        Row("byte order", page.IsBigEndian ? "big-endian" : "little-endian");
        Row("file size", $"{Formats.Bytes(info.FileBytes)} ({info.FileBytes} bytes)");
        Row("metadata", info.KindName + (m.DimensionOrder is null ? "" : $" (dimension order {m.DimensionOrder})"));
        Row("axes", $"c {m.SizeC}, t {m.SizeT}, z {m.SizeZ}, y {m.SizeY}, x {m.SizeX}");
        var v = m.VoxelSize;
        Row("voxel size", info.HasVoxelSize
            ? $"{v.Z.ToString("G6", culture)} × {v.Y.ToString("G6", culture)} × {v.X.ToString("G6", culture)} {v.Unit} (z × y × x)"
            : "unknown");
        Row("channels", m.ChannelNames.All(n => n is null) ? "unnamed" : string.Join(", ", m.ChannelNames.Select(n => n ?? "(unnamed)")));
        if (m.FileNames.Count > 1)
        {
            Row("files", string.Join(", ", m.FileNames));
        }

        console.Write(new Text($"TIFF file {info.Path}", new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        console.Write(table);
    }
}
