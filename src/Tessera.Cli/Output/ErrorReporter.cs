namespace Tessera.Cli.Output;

/// <summary>Turns an exception into one line on stderr and an exit code; the stack trace only with <c>--verbose</c>.</summary>
internal static class ErrorReporter
{
    /// <summary>Writes <paramref name="exception"/> to <paramref name="error"/> and returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter error, bool verbose, CancellationToken cancellationToken)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        (int code, string line) = exception switch
        {
            UsageException => (ExitCodes.Usage, $"tessera: error: {OneLine(exception.Message)}"),
            OperationCanceledException when cancellationToken.IsCancellationRequested =>
                (ExitCodes.Cancelled, "tessera: cancelled."),
            TesseraException or IOException or UnauthorizedAccessException =>
                (ExitCodes.Error, $"tessera: error: {OneLine(exception.Message)}"),
            _ => (ExitCodes.InternalError, $"tessera: internal error: {exception.GetType().Name}: {OneLine(exception.Message)} This is a bug in Tessera; please report it with the output of --verbose."),
        };

        error.WriteLine(line);
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

        error.Flush();
        return code;
    }

    /// <summary>The message on one line, so that each error is exactly one line of stderr.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
