using System.Globalization;

namespace Tessera.Arrays.Scheduling;

/// <summary>The default memory budget and sizes in words.</summary>
public static class MemoryBudget
{
    /// <summary>The share of available memory a job may use by default.</summary>
    public const double DefaultFraction = 0.6;

    /// <summary>
    /// 60% of the memory available now: Linux's MemAvailable (free memory plus reclaimable caches), else
    /// the runtime's view of total available memory (which honours container limits).
    /// </summary>
    public static long DefaultBytes() => (long)(AvailableBytes() * DefaultFraction);

    /// <summary>The memory available to this process now.</summary>
    public static long AvailableBytes()
    {
        long total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    long kib = long.Parse(line["MemAvailable:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return Math.Min(total, kib * 1024);
                }
            }
        }
        catch (IOException)
        {
            // Not Linux, or /proc is hidden: fall back to the runtime's figure.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        return total;
    }

    /// <summary>Parses a size such as <c>512M</c>, <c>4G</c>, <c>1.5GiB</c> or <c>1000000</c> (bytes); K, M, G and T are powers of 1024.</summary>
    /// <exception cref="FormatException">The text is not a positive size.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToUpperInvariant();
        if (t.EndsWith("IB", StringComparison.Ordinal))
        {
            t = t[..^2];
        }
        else if (t.EndsWith('B'))
        {
            t = t[..^1];
        }

        long scale = 1;
        int unit = t.Length > 0 ? "KMGT".IndexOf(t[^1], StringComparison.Ordinal) : -1;
        if (unit >= 0)
        {
            scale = 1L << (10 * (unit + 1));
            t = t[..^1];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value <= 0)
        {
            throw new FormatException($"'{text}' is not a memory size; write a positive number with an optional unit, such as 512M, 4G or 1.5G.");
        }

        return (long)(value * scale);
    }

    /// <summary>Formats <paramref name="bytes"/> as MiB or GiB.</summary>
    public static string Format(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB");
}
