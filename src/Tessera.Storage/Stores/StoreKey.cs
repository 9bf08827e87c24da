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

    /// <summary>
    /// Checks that <paramref name="prefix"/> could begin a valid key: "" or a path whose complete segments
    /// (all but the last, which may be partial) are valid. Stores call this before listing, so that a
    /// prefix such as <c>../</c> cannot reach outside the store.
    /// </summary>
    /// <exception cref="ArgumentException">No valid key starts with the prefix.</exception>
    internal static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return;
        }

        if (prefix[0] == '/' || prefix.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid key prefix '{prefix}': keys are relative paths with '/' separators, no leading '/'. Pass \"\" to list every key.", nameof(prefix));
        }

        int slash = prefix.LastIndexOf('/');
        if (slash > 0)
        {
            foreach (var segment in prefix[..slash].Split('/'))
            {
                if (segment is "" or "." or "..")
                {
                    throw new ArgumentException($"Invalid key prefix '{prefix}': segment '{segment}' is not allowed in keys.", nameof(prefix));
                }
            }
        }
    }

    /// <summary>Joins a prefix (possibly empty) and a relative key with <c>/</c>.</summary>
    public static string Join(string prefix, string key) =>
        prefix.Length == 0 ? key : key.Length == 0 ? prefix : prefix.TrimEnd('/') + "/" + key;

    /// <summary>The listing prefix of <paramref name="folder"/>: "" for the root, else the key and a <c>/</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is not "" or a valid key.</exception>
    internal static string FolderPrefix(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (folder.Length == 0)
        {
            return "";
        }

        Validate(folder);
        return folder + "/";
    }
}
