namespace Tessera.Bench.W2;

/// <summary>Where W2's programs are: the repository, the shared peers, the tessera CLI.</summary>
internal static class W2Paths
{
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// The shared peers folder: <c>$TESSERA_BENCH_PEERS</c>, else <c>shared/bench-peers</c> in the
    /// current folder or one above it (the repository's <c>../shared/bench-peers</c>), as the
    /// <c>fft</c> and <c>rl</c> subcommands find theirs; also searched upwards from this program's own
    /// folder, so that the bench works when started from elsewhere.
    /// </summary>
    public static string? FindPeers()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("TESSERA_BENCH_PEERS");
        if (fromEnvironment is not null && File.Exists(Path.Combine(fromEnvironment, "dask_pipeline.py")))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "bench-peers");
                if (File.Exists(Path.Combine(candidate, "dask_pipeline.py")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The repository root (the folder with Tessera.sln), searched upwards from the current folder, then from this program's folder.</summary>
    public static string? FindRepository()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tessera.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The default tessera: the executable of src/Tessera.Cli as <see cref="PublishCommand"/> installs it (self-contained
    /// and precompiled, as users run it).
    /// </summary>
    public static string DefaultTessera()
    {
        string root = FindRepository() ?? Environment.CurrentDirectory;
        return Path.Combine(root, "artifacts", "tessera", OperatingSystem.IsWindows() ? "tessera.exe" : "tessera");
    }

    /// <summary>The command that builds <see cref="DefaultTessera"/>, for messages.</summary>
    public const string PublishCommand = "dotnet publish src/Tessera.Cli -c Release -o artifacts/tessera";

    /// <summary>
    /// How to start tessera given <c>--tessera PATH</c>: a <c>.dll</c> runs under <c>dotnet</c>
    /// (the one on PATH), anything else is executed directly.
    /// </summary>
    public static (string File, string[] Prefix) TesseraCommand(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [path]) : (path, []);

    /// <summary>Splits a command-line fragment on white space; single or double quotes group words.</summary>
    public static List<string> SplitArguments(string text)
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char ch in text)
        {
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
                inWord = true;
            }
            else if (char.IsWhiteSpace(ch))
            {
                if (inWord)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(ch);
                inWord = true;
            }
        }

        if (quote != '\0')
        {
            throw new Commands.BenchUsageException($"unbalanced quote in '{text}'.");
        }

        if (inWord)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}
