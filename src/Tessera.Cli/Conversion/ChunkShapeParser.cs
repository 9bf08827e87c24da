using Tessera.Shapes;

namespace Tessera.Cli.Conversion;

/// <summary>Parses and checks the <c>--chunks a,b,c</c> option.</summary>
internal static class ChunkShapeParser
{
    /// <summary>Parses comma-separated positive sizes; on failure returns false with a message.</summary>
    public static bool TryParse(string text, out int[] chunks, out string error)
    {
        chunks = [];
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result[i]) || result[i] <= 0)
            {
                error = $"--chunks '{text}' is not a list of positive integers: item {i + 1} is '{parts[i]}'. Write sizes separated by commas, e.g. --chunks 1,1,64,256,256.";
                return false;
            }
        }

        chunks = result;
        error = "";
        return true;
    }

    /// <summary>Checks that <paramref name="chunks"/> fits an array of <paramref name="shape"/> whose elements have <paramref name="itemSize"/> bytes.</summary>
    /// <exception cref="UsageException">The rank differs or one chunk would be too large to hold in memory.</exception>
    public static void CheckFits(int[] chunks, ReadOnlySpan<long> shape, int itemSize, string source)
    {
        if (chunks.Length != shape.Length)
        {
            throw new UsageException($"--chunks {string.Join(',', chunks)} has {chunks.Length} sizes, but '{source}' has {shape.Length} dimensions (shape {ShapeMath.Format(shape)}); give {shape.Length} comma-separated sizes.");
        }

        long bytes = ShapeMath.Product(chunks) * itemSize;
        if (bytes > Array.MaxLength)
        {
            throw new UsageException($"--chunks {string.Join(',', chunks)} makes chunks of {bytes} bytes, more than one chunk may hold ({Array.MaxLength}); choose smaller chunks.");
        }
    }
}
