using System.Text.Json.Nodes;
using Tessera.Codecs;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Tessera.Zarr.V3.Codecs;

/// <summary>
/// The v3 <c>zstd</c> codec (codecs/zstd, "Configuration parameters"): one Zstandard frame at <c>level</c>, with the
/// frame's content checksum when <c>checksum</c> is true. Decoding is <see cref="ZstdCodec"/>'s, which verifies a
/// checksum whenever the frame has one.
/// </summary>
internal sealed class V3ZstdCodec : IBytesToBytesCodec
{
    // Contexts are costly to create and not thread-safe: one per thread and level.
    [ThreadStatic]
    private static Dictionary<int, Compressor>? t_checksumCompressors;

    /// <summary>Creates the codec.</summary>
    public V3ZstdCodec(int level, bool checksum)
    {
        Level = level;
        Checksum = checksum;
    }

    /// <inheritdoc/>
    public string Id => ZstdCodec.CodecId;

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <summary>Whether frames carry a content checksum.</summary>
    public bool Checksum { get; }

    /// <summary>Reads <c>{"level": N, "checksum": bool}</c>.</summary>
    /// <exception cref="ZarrFormatException">A field is missing, of the wrong type or out of range.</exception>
    public static V3ZstdCodec Parse(V3CodecConfig config)
    {
        config.CheckKeys("level", "checksum");
        return new V3ZstdCodec(
            config.GetInt("level", Compressor.MinCompressionLevel, Compressor.MaxCompressionLevel),
            config.GetBool("checksum", fallback: false));
    }

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination) => ZstdCodec.DecodeFrames(encoded, destination);

    /// <summary>Zstandard's bound plus the 4-byte checksum.</summary>
    public int GetMaxEncodedLength(int decodedLength) => checked(Compressor.GetCompressBound(decodedLength) + sizeof(uint));

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!Checksum)
        {
            return ZstdCodec.EncodeFrame(source, destination, Level);
        }

        var compressors = t_checksumCompressors ??= [];
        if (!compressors.TryGetValue(Level, out var compressor))
        {
            compressor = new Compressor(Level);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
            compressors[Level] = compressor;
        }

        return compressor.Wrap(source, destination);
    }

    /// <summary>The v3 configuration object.</summary>
    public JsonObject ToJson() => new() { ["level"] = Level, ["checksum"] = Checksum };
}
