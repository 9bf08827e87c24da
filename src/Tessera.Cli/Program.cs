namespace Tessera.Cli;

/// <summary>The process entry point of the <c>tessera</c> command.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var signals = new SignalCancellation();
        return await CliApp.RunAsync(args, CliConsole.FromSystemConsole(), signals.Token).ConfigureAwait(false);
    }
}
