namespace Tessera.Cli;

/// <summary>The process exit codes of <c>tessera</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did its work.</summary>
    public const int Success = 0;

    /// <summary>The command could not do its work: bad or missing input, existing output, I/O failure.</summary>
    public const int Error = 1;

    /// <summary>The command line is wrong: unknown option, bad value, contradictory arguments.</summary>
    public const int Usage = 2;

    /// <summary>An unexpected error: a bug in Tessera (BSD's EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
