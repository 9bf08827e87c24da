using System.Text.Json.Nodes;
using Tessera.DataTypes;
using ZstdSharp;

namespace Tessera.Codecs;

/// <summary>numcodecs' <c>zstd</c>: one Zstandard frame, levels -131072 to 22.</summary>
public sealed class ZstdCodec : IBytesToBytesCodec
{
    /// <summary>The id in metadata.</summary>
    public const string CodecId = "zstd";

    // Zstandard contexts are costly to create and not thread-safe: keep one per thread.
    [ThreadStatic]
    private static Decompressor? t_decompressor;

    [ThreadStatic]
    private static Dictionary<int, Compressor>? t_compressors;

    /// <summary>Creates the codec at compression <paramref name="level"/> (numcodecs' default is 1).</summary>
    /// <exception cref="CodecException">The level is out of range.</exception>
    public ZstdCodec(int level = 1)
    {
        Level = CodecConfig.CheckLevel(CodecId, level, Compressor.MinCompressionLevel, Compressor.MaxCompressionLevel);
    }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <inheritdoc/>
    public string Id => CodecId;

    /// <summary>Prepares the codec from <c>{"id": "zstd", "level": N}</c>.</summary>
    public static ZstdCodec FromJson(JsonObject configuration, DataType dataType) =>
        new(CodecConfig.GetInt(configuration, "level", 1));

    /// <summary>Decompresses one or more Zstandard frames, for use by this and other codecs.</summary>
    /// <exception cref="CodecException">The data is corrupt or larger than <paramref name="destination"/>.</exception>
    internal static int DecodeFrames(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        try
        {
            return (t_decompressor ??= new Decompressor()).Unwrap(encoded, destination);
        }
        catch (ZstdException ex)
        {
            throw new CodecException($"zstd data of {encoded.Length} bytes could not be decoded into {destination.Length} bytes: {ex.Message}", ex);
        }
    }

    /// <summary>Compresses one Zstandard frame at <paramref name="level"/>, for use by this and other codecs.</summary>
    internal static int EncodeFrame(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        var compressors = t_compressors ??= [];
        if (!compressors.TryGetValue(level, out var compressor))
        {
            compressor = new Compressor(level);
            compressors[level] = compressor;
        }

        return compressor.Wrap(source, destination);
    }

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination) => DecodeFrames(encoded, destination);

    /// <inheritdoc/>
    public int GetMaxEncodedLength(int decodedLength) => Compressor.GetCompressBound(decodedLength);

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<byte> source, Span<byte> destination) => EncodeFrame(source, destination, Level);

    /// <inheritdoc/>
    public JsonObject ToJson() => new() { ["id"] = CodecId, ["level"] = Level };
}
