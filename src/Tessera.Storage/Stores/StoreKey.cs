namespace Tessera.Stores;

/// <summary>Validation and composition of store keys (<c>/</c>-separated relative paths).</summary>
public static class StoreKey
{
    /// <summary>Checks that <paramref name="key"/> is a non-empty relative path without empty, <c>.</c> or <c>..</c> segments.</summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key[0] == '/' || key[^1] == '/' || key.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid store key '{key}': keys are non-empty relative paths with '/' separators, no leading or trailing '/'.", nameof(key));
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw new ArgumentException($"Invalid store key '{key}': segment '{segment}' is not allowed.", nameof(key));
            }
        }
    }

    /// <summary>Joins a prefix (possibly empty) and a relative key with <c>/</c>.</summary>
    public static string Join(string prefix, string key) =>
        prefix.Length == 0 ? key : key.Length == 0 ? prefix : prefix.TrimEnd('/') + "/" + key;
}
