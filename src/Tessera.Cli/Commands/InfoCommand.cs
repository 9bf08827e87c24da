using System.CommandLine;
using Tessera.Cli.Inspection;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary><c>tessera info PATH [--json]</c>: describes a Zarr array or group (v2 or v3), and the OME-NGFF image a group holds.</summary>
internal sealed class InfoCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _path = new("PATH") { Description = "The folder of a Zarr array or group (the one holding .zarray, .zgroup or zarr.json)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object instead of tables; nothing else goes to stdout." };

    public InfoCommand(CliConsole console)
        : base("info", "Show the metadata, chunk grid, stored chunks and attributes of a Zarr v2 or v3 array or group, and an OME-Zarr image's axes, voxel size and levels.")
    {
        _console = console;
        Add(_path);
        Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var info = await NodeInspector.InspectAsync(parse.GetRequiredValue(_path), cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(_json))
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
