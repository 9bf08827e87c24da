using Tessera.Shapes;

namespace Tessera.Cli.Conversion;

/// <summary>Parses and checks the <c>--chunks a,b,c</c> and <c>--shards a,b,c</c> options.</summary>
internal static class ChunkShapeParser
{
    /// <summary>Parses comma-separated positive sizes; on failure returns false with a message.</summary>
    public static bool TryParse(string text, out int[] chunks, out string error) => TryParse(text, "--chunks", out chunks, out error);

    /// <summary>Parses comma-separated positive sizes given to <paramref name="option"/>; on failure returns false with a message.</summary>
    public static bool TryParse(string text, string option, out int[] chunks, out string error)
    {
        chunks = [];
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result[i]) || result[i] <= 0)
            {
                error = $"{option} '{text}' is not a list of positive integers: item {i + 1} is '{parts[i]}'. Write sizes separated by commas, e.g. {option} 1,1,64,256,256.";
                return false;
            }
        }

        chunks = result;
        error = "";
        return true;
    }

    /// <summary>Checks that <paramref name="chunks"/> fits an array of <paramref name="shape"/> whose elements have <paramref name="itemSize"/> bytes.</summary>
    /// <exception cref="UsageException">The rank differs or one chunk would be too large to hold in memory.</exception>
    public static void CheckFits(int[] chunks, ReadOnlySpan<long> shape, int itemSize, string source, string option = "--chunks")
    {
        if (chunks.Length != shape.Length)
        {
            throw new UsageException($"{option} {string.Join(',', chunks)} has {chunks.Length} sizes, but '{source}' has {shape.Length} dimensions (shape {ShapeMath.Format(shape)}); give {shape.Length} comma-separated sizes.");
        }

        long bytes = ShapeMath.Product(chunks) * itemSize;
        if (bytes > Array.MaxLength)
        {
            throw new UsageException($"{option} {string.Join(',', chunks)} makes chunks of {bytes} bytes, more than one chunk may hold ({Array.MaxLength}); choose smaller chunks.");
        }
    }

    /// <summary>Checks that every shard holds whole chunks: <paramref name="shards"/> is a multiple of <paramref name="chunks"/> on each axis.</summary>
    /// <exception cref="UsageException">The ranks differ or a shard size is not a multiple of the chunk size; the message names the axis and a shape that fits.</exception>
    public static void CheckShards(int[] shards, int[] chunks)
    {
        if (shards.Length != chunks.Length)
        {
            throw new UsageException($"--shards {string.Join(',', shards)} has {shards.Length} sizes but the chunks {string.Join(',', chunks)} have {chunks.Length}; give one shard size per dimension.");
        }

        for (int i = 0; i < shards.Length; i++)
        {
            if (shards[i] % chunks[i] != 0)
            {
                int[] fitting = [.. shards.Select((s, a) => Math.Max(1, (s + chunks[a] - 1) / chunks[a]) * chunks[a])];
                throw new UsageException(
                    $"--shards {string.Join(',', shards)} is not a multiple of the chunks {string.Join(',', chunks)} along axis {i} ({shards[i]} is not a multiple of {chunks[i]}); " +
                    $"each shard holds whole chunks. Use e.g. --shards {string.Join(',', fitting)}.");
            }
        }
    }
}
