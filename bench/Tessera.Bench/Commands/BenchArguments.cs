namespace Tessera.Bench.Commands;

/// <summary>Minimal <c>--name value</c> option parsing for the end-to-end subcommands.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public BenchArguments(string[] args, params string[] known)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !known.Contains(name[2..]))
            {
                throw new BenchUsageException($"unknown option '{name}'; expected {string.Join(", ", known.Select(k => "--" + k))}.");
            }

            if (i + 1 >= args.Length)
            {
                throw new BenchUsageException($"option '{name}' needs a value.");
            }

            _options[name[2..]] = args[++i];
        }
    }

    /// <summary>
    /// Removes the value-less flag <paramref name="flag"/> (e.g. <c>--check</c>) from <paramref name="args"/>, which
    /// otherwise hold <c>--name value</c> pairs (a value may itself start with <c>--</c>); returns the rest.
    /// </summary>
    public static string[] TakeFlag(string[] args, string flag, out bool present)
    {
        present = false;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == flag)
            {
                present = true;
            }
            else
            {
                rest.Add(args[i]);
                if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    rest.Add(args[++i]);
                }
            }
        }

        return [.. rest];
    }

    public string GetString(string name, string fallback) => _options.TryGetValue(name, out string? text) ? text : fallback;

    public int GetInt(string name, int fallback)
    {
        if (!_options.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        return int.TryParse(text, out int value) && value > 0
            ? value
            : throw new BenchUsageException($"--{name} must be a positive integer; got '{text}'.");
    }

    public int[] GetShape(string name, int[] fallback)
    {
        if (!_options.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        string[] parts = text.Split(',');
        var shape = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], out shape[i]) || shape[i] <= 0)
            {
                throw new BenchUsageException($"--{name} must be positive integers separated by commas, e.g. 64,256,256; got '{text}'.");
            }
        }

        return shape;
    }
}
