using Spectre.Console;

namespace Tessera.Cli;

/// <summary>The streams a command writes to, and whether each is an interactive terminal.</summary>
/// <param name="Out">Results: tables, JSON, summaries.</param>
/// <param name="Error">Errors and progress.</param>
/// <param name="OutIsTerminal">Whether <paramref name="Out"/> is a terminal (colours and width apply).</param>
/// <param name="ErrorIsTerminal">Whether <paramref name="Error"/> is a terminal (progress bars are shown).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>The process's stdout and stderr.</summary>
    public static CliConsole FromSystemConsole() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>A Spectre console over <see cref="Out"/>.</summary>
    public IAnsiConsole CreateOutConsole() => Create(Out, OutIsTerminal);

    /// <summary>A Spectre console over <see cref="Error"/>.</summary>
    public IAnsiConsole CreateErrorConsole() => Create(Error, ErrorIsTerminal);

    private static IAnsiConsole Create(TextWriter writer, bool isTerminal) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        // Redirected output stays plain text: no escape codes in files, pipes or tests.
        Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
