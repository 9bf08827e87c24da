using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Zarr.V3;

/// <summary>
/// How chunk grid indices become store keys (core spec, "Chunk key encoding"): <c>default</c> writes
/// <c>c/0/1/2</c> (separator <c>/</c> unless configured <c>.</c>), <c>v2</c> writes <c>0.1.2</c> (separator
/// <c>.</c> unless configured <c>/</c>).
/// </summary>
public sealed record ChunkKeyEncoding
{
    private ChunkKeyEncoding(string name, char separator)
    {
        Name = name;
        Separator = separator;
    }

    /// <summary>The encoding name: <c>default</c> or <c>v2</c>.</summary>
    public string Name { get; }

    /// <summary>The character between chunk indices: <c>/</c> or <c>.</c>.</summary>
    public char Separator { get; }

    /// <summary>The <c>default</c> encoding with <paramref name="separator"/> (<c>/</c> unless given).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="separator"/> is neither <c>/</c> nor <c>.</c>.</exception>
    public static ChunkKeyEncoding Default(char separator = '/') => new("default", CheckSeparator(separator));

    /// <summary>The <c>v2</c> encoding with <paramref name="separator"/> (<c>.</c> unless given).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="separator"/> is neither <c>/</c> nor <c>.</c>.</exception>
    public static ChunkKeyEncoding V2(char separator = '.') => new("v2", CheckSeparator(separator));

    /// <summary>
    /// The store key of the chunk at <paramref name="chunkIndex"/>, relative to the array: <c>c/0/1/2</c> for
    /// <c>default</c> (<c>c</c> for a 0-d array), <c>0.1.2</c> for <c>v2</c> (<c>0</c> for a 0-d array).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is negative.</exception>
    public string ChunkKey(ReadOnlySpan<long> chunkIndex)
    {
        if (Name == "v2" && chunkIndex.IsEmpty)
        {
            return "0";
        }

        // Each index takes at most 19 digits and a separator; the "c" prefix one more character.
        int capacity = 1 + (chunkIndex.Length * 20);
        Span<char> buffer = capacity <= 512 ? stackalloc char[capacity] : new char[capacity];
        int length = 0;
        if (Name == "default")
        {
            buffer[length++] = 'c';
        }

        for (int i = 0; i < chunkIndex.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex[i], nameof(chunkIndex));
            if (length > 0)
            {
                buffer[length++] = Separator;
            }

            chunkIndex[i].TryFormat(buffer[length..], out int written, provider: CultureInfo.InvariantCulture);
            length += written;
        }

        return new string(buffer[..length]);
    }

    /// <summary>The encoding as a <c>{"name": ..., "configuration": {"separator": ...}}</c> object.</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["configuration"] = new JsonObject { ["separator"] = Separator.ToString() },
    };

    /// <summary>Reads the <c>chunk_key_encoding</c> field; <paramref name="source"/> names the file in errors.</summary>
    internal static ChunkKeyEncoding Parse(JsonNode? node, string source)
    {
        var (name, configuration, _) = V3Json.ReadNamed(node, "chunk_key_encoding", source);
        if (name is not ("default" or "v2"))
        {
            throw new ZarrFormatException($"'{source}': chunk_key_encoding '{name}' is not supported; expected 'default' or 'v2'.");
        }

        char separator = name == "default" ? '/' : '.';
        if (configuration is not null)
        {
            foreach (var (key, value) in configuration)
            {
                if (key != "separator")
                {
                    throw new ZarrFormatException($"'{source}': chunk_key_encoding '{name}' has unknown configuration key '{key}'; the only key is 'separator'.");
                }

                separator = value?.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is "/" or "."
                    ? value.GetValue<string>()[0]
                    : throw new ZarrFormatException($"'{source}': chunk_key_encoding separator {V3Json.Describe(value)} is invalid; expected \"/\" or \".\".");
            }
        }

        return new ChunkKeyEncoding(name, separator);
    }

    private static char CheckSeparator(char separator) => separator is '/' or '.'
        ? separator
        : throw new ArgumentOutOfRangeException(nameof(separator), separator, "A chunk key separator is '/' or '.'.");
}
