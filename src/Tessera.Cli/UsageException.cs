namespace Tessera.Cli;

/// <summary>
/// The command line is valid syntax but asks for something impossible (e.g. <c>--chunks</c> of the
/// wrong rank, OUTPUT inside INPUT). Reported like a parse error, with exit code 2.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
