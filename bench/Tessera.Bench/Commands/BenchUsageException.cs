namespace Tessera.Bench.Commands;

/// <summary>The command line of a subcommand is wrong; the message says how.</summary>
internal sealed class BenchUsageException(string message) : Exception(message);
