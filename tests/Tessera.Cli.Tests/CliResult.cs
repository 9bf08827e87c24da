namespace Tessera.Cli.Tests;

/// <summary>The exit code and output of one in-process run of <c>tessera</c>.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Asserts the run failed with <paramref name="exitCode"/> and exactly one stderr line of the form <c>tessera: error: ...</c>.</summary>
    public string AssertOneErrorLine(int exitCode = 1)
    {
        Assert.True(ExitCode == exitCode, $"Expected exit code {exitCode}, got {ExitCode}.\nstdout: {Stdout}\nstderr: {Stderr}");
        var line = Assert.Single(StderrLines);
        Assert.StartsWith("tessera: error: ", line);
        Assert.Equal("", Stdout);
        return line;
    }
}
