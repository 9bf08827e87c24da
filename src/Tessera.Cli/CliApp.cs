using System.CommandLine;
using System.CommandLine.Invocation;
using Tessera.Cli.Commands;
using Tessera.Cli.Output;

namespace Tessera.Cli;

/// <summary>
/// The <c>tessera</c> command line: builds the command tree, parses, runs the chosen command and turns
/// failures into one line on stderr and an exit code (see <see cref="ExitCodes"/>).
/// </summary>
internal static class CliApp
{
    /// <summary>
    /// Runs <c>tessera</c> with <paramref name="args"/>, writing to <paramref name="console"/>'s streams,
    /// and returns the exit code. Tests call this in-process.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print the stack trace of an error.",
            Recursive = true,
        };
        var root = new RootCommand("Chunked N-D microscopy arrays over Zarr.")
        {
            verbose,
            new InfoCommand(console),
            new ConvertCommand(console),
            new SampleCommand(console),
            new DeconvolveCommand(console),
            new DemoCommand(console),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"tessera: error: {error.Message}").ConfigureAwait(false);
            }

            string command = parse.CommandResult.Command is RootCommand ? "tessera" : $"tessera {parse.CommandResult.Command.Name}";
            await console.Error.WriteLineAsync($"Run '{command} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // Signals are handled by the caller (SignalCancellation), which lets cleanup finish.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return ErrorReporter.Report(ex, console.Error, parse.GetValue(verbose), cancellationToken);
        }
    }
}
