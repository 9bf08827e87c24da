namespace Tessera.Cli.Tests;

/// <summary>Runs the <c>tessera</c> command in-process with captured stdout and stderr.</summary>
internal static class CliRun
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, new CliConsole(stdout, stderr, OutIsTerminal: false, ErrorIsTerminal: false), cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
