namespace Tessera.Cli.Files;

/// <summary>Checks on how input and output folders relate, so that writing one never touches the other.</summary>
internal static class PathRules
{
    private static StringComparison Comparison =>
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>The absolute form of <paramref name="path"/> without a trailing separator.</summary>
    public static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>Refuses an output that is the input, lies inside it, or contains it.</summary>
    /// <exception cref="UsageException">The folders overlap.</exception>
    public static void CheckSeparate(string input, string output)
    {
        input = Normalize(input);
        output = Normalize(output);
        if (string.Equals(input, output, Comparison))
        {
            throw new UsageException($"OUTPUT '{output}' is the INPUT folder; write the result to a new folder.");
        }

        if (IsInside(output, input))
        {
            throw new UsageException($"OUTPUT '{output}' is inside INPUT '{input}'; choose a folder outside the input array.");
        }

        if (IsInside(input, output))
        {
            throw new UsageException($"INPUT '{input}' is inside OUTPUT '{output}'; replacing OUTPUT would destroy the input. Choose another OUTPUT.");
        }
    }

    /// <summary>Whether <paramref name="path"/> lies strictly below <paramref name="folder"/> (both normalized).</summary>
    public static bool IsInside(string path, string folder)
    {
        string prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, Comparison);
    }
}
