namespace Tessera.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task NoCommand_IsUsageError()
    {
        var result = await CliRun.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("tessera: error: ", result.StderrLines[0]);
        Assert.Equal("Run 'tessera --help' for usage.", result.StderrLines[^1]);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task UnknownOption_IsUsageErrorNamingTheCommand()
    {
        var result = await CliRun.RunAsync("info", "x.zarr", "--jsn");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--jsn", result.StderrLines[0]);
        Assert.Equal("Run 'tessera info --help' for usage.", result.StderrLines[^1]);
    }

    [Fact]
    public async Task MissingArgument_IsUsageError()
    {
        var result = await CliRun.RunAsync("convert", "in.zarr");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("OUTPUT", result.Stderr);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("info", "--help")]
    [InlineData("convert", "--help")]
    [InlineData("sample", "--help")]
    public async Task Help_GoesToStdout(params string[] args)
    {
        var result = await CliRun.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task ConvertHelp_SaysWhatOverwriteDeletes()
    {
        var result = await CliRun.RunAsync("convert", "--help");

        Assert.Contains("--overwrite", result.Stdout);
        Assert.Contains("deleted only after the new one is complete", result.Stdout);
        Assert.Contains("blosc-lz4", result.Stdout);
    }

    [Fact]
    public async Task Verbose_AddsStackTrace()
    {
        using var temp = new TempDirectory();
        string missing = temp.Combine("nope.zarr");

        var quiet = await CliRun.RunAsync("info", missing);
        var verbose = await CliRun.RunAsync("info", missing, "--verbose");

        Assert.Single(quiet.StderrLines);
        Assert.Equal(1, verbose.ExitCode);
        Assert.Equal(quiet.StderrLines[0], verbose.StderrLines[0]);
        Assert.Contains(verbose.StderrLines, l => l.StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_BeforeStart_ReportsCancelled()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [4, 4], [2, 2]);

        var result = await CliRun.RunAsync(new CancellationToken(canceled: true), "convert", input, temp.Combine("out.zarr"));

        Assert.Equal(130, result.ExitCode);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")));
        Assert.Empty(TestArrays.Leftovers(temp.Path, "out.zarr"));
    }
}
