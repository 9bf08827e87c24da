using System.CommandLine;
using Tessera.Cli.Images;
using Tessera.Cli.Inspection;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary><c>tessera info PATH [--json]</c>: describes a Zarr array or group (v2 or v3), and the OME-NGFF image a group holds; or a TIFF file.</summary>
internal sealed class InfoCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _path = new("PATH") { Description = "The folder of a Zarr array or group (the one holding .zarray, .zgroup or zarr.json), or a TIFF file." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object instead of tables; nothing else goes to stdout." };

    public InfoCommand(CliConsole console)
        : base("info", "Show the metadata, chunk grid, stored chunks and attributes of a Zarr v2 or v3 array or group, and an OME-Zarr image's axes, voxel size and levels; or a TIFF file's pages, compression, axes and voxel size.")
    {
        _console = console;
        Add(_path);
        Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string path = parse.GetRequiredValue(_path);
        bool json = parse.GetValue(_json);
        if (!File.Exists(path) && !Directory.Exists(path) && TiffInput.IsTiffName(path))
        {
            throw new TesseraException($"TIFF file '{path}' does not exist. Check the path.");
        }

        if (File.Exists(path))
        {
            // Zarr nodes are folders; a file is read as TIFF.
            var tiff = TiffInfo.Inspect(path);
            if (json)
            {
                await _console.Out.WriteLineAsync(TiffInfoJson.Format(tiff)).ConfigureAwait(false);
            }
            else
            {
                TiffInfoTable.Write(_console.CreateOutConsole(), tiff);
            }

            _console.Out.Flush();
            return ExitCodes.Success;
        }

        var info = await NodeInspector.InspectAsync(path, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await _console.Out.WriteLineAsync(InfoJson.Format(info)).ConfigureAwait(false);
        }
        else
        {
            InfoTable.Write(_console.CreateOutConsole(), info);
        }

        _console.Out.Flush();
        return ExitCodes.Success;
    }
}
