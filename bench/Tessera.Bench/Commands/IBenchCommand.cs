namespace Tessera.Bench.Commands;

/// <summary>A subcommand of the benchmark program.</summary>
internal interface IBenchCommand
{
    /// <summary>The arguments the subcommand takes, for the usage text.</summary>
    string Usage { get; }

    /// <summary>Runs the subcommand with the arguments after its name; returns the exit code.</summary>
    int Run(string[] args);
}
