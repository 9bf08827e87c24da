using Tessera.Cli.Output;
using Tessera.Zarr;

namespace Tessera.Cli.Tests.Output;

public sealed class ErrorReporterTests
{
    [Theory]
    [InlineData(typeof(ZarrFormatException), 1)]
    [InlineData(typeof(TesseraException), 1)]
    [InlineData(typeof(IOException), 1)]
    [InlineData(typeof(UnauthorizedAccessException), 1)]
    [InlineData(typeof(UsageException), 2)]
    [InlineData(typeof(InvalidOperationException), 70)]
    public void Report_MapsExceptionToExitCode(Type type, int expected)
    {
        var exception = (Exception)Activator.CreateInstance(type, "'/data/a.zarr/.zarray' is broken.")!;
        using var error = new StringWriter();

        int code = ErrorReporter.Report(exception, error, verbose: false, CancellationToken.None);

        Assert.Equal(expected, code);
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'/data/a.zarr/.zarray' is broken.", line);
    }

    [Fact]
    public void Report_PutsMultiLineMessageOnOneLine()
    {
        using var error = new StringWriter();

        ErrorReporter.Report(new TesseraException("first\nsecond\r\n  third"), error, verbose: false, CancellationToken.None);

        Assert.Equal("tessera: error: first second third" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Report_UnwrapsSingleAggregate()
    {
        using var error = new StringWriter();

        int code = ErrorReporter.Report(new AggregateException(new IOException("disk full at '/x'")), error, verbose: false, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Equal("tessera: error: disk full at '/x'" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Report_CancellationWithoutRequestIsNotReportedAsCancelled()
    {
        using var error = new StringWriter();

        int code = ErrorReporter.Report(new OperationCanceledException(), error, verbose: false, CancellationToken.None);

        Assert.Equal(70, code);
    }
}
