using System.IO.Compression;
using System.Text.Json.Nodes;
using Tessera.DataTypes;

namespace Tessera.Codecs;

/// <summary>numcodecs' <c>gzip</c>: a gzip member (RFC 1952) at levels 0–9.</summary>
public sealed class GzipCodec : DeflateCodec
{
    /// <summary>The id in metadata.</summary>
    public const string CodecId = "gzip";

    /// <summary>Creates the codec at compression <paramref name="level"/> (0–9; numcodecs' default is 1).</summary>
    /// <exception cref="CodecException">The level is out of range.</exception>
    public GzipCodec(int level = 1)
        : base(CodecId, level)
    {
    }

    /// <summary>Prepares the codec from <c>{"id": "gzip", "level": N}</c>.</summary>
    public static GzipCodec FromJson(JsonObject configuration, DataType dataType) =>
        new(CodecConfig.GetInt(configuration, "level", 1));

    private protected override Stream OpenDecoder(Stream input) => new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);

    private protected override Stream OpenEncoder(Stream output, ZLibCompressionOptions options) => new GZipStream(output, options, leaveOpen: true);
}
