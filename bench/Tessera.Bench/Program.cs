using Tessera.Bench.Commands;

namespace Tessera.Bench;

/// <summary>
/// Tessera's benchmarks: <c>micro</c> runs the BenchmarkDotNet kernels; the other subcommands are
/// end-to-end comparisons with peer implementations. A new subcommand is one class and one line
/// in <see cref="Commands"/>.
/// </summary>
public static class Program
{
    /// <summary>The subcommands by name.</summary>
    private static readonly Dictionary<string, IBenchCommand> Commands = new(StringComparer.Ordinal)
    {
        ["micro"] = new MicroCommand(),
        ["blosc"] = new BloscCommand(),
        ["fft"] = new FftCommand(),
        ["rl"] = new RlCommand(),
        ["w2"] = new W2.W2Command(),
        ["tiff"] = new Tiff.TiffCommand(),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            Console.Error.WriteLine(args.Length == 0 ? "No subcommand given." : $"Unknown subcommand '{args[0]}'.");
            Console.Error.WriteLine("Usage: Tessera.Bench <subcommand> [options]");
            foreach (var (name, c) in Commands)
            {
                Console.Error.WriteLine($"  {name,-8} {c.Usage}");
            }

            return 2;
        }

        try
        {
            return command.Run(args[1..]);
        }
        catch (BenchUsageException ex)
        {
            Console.Error.WriteLine($"{args[0]}: {ex.Message}");
            Console.Error.WriteLine($"Usage: Tessera.Bench {args[0]} {command.Usage}");
            return 2;
        }
    }
}
