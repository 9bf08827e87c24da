using System.Buffers.Binary;
using System.Text.Json.Nodes;
using K4os.Compression.LZ4;
using Tessera.DataTypes;

namespace Tessera.Codecs;

/// <summary>
/// numcodecs' <c>lz4</c>: a 4-byte little-endian decoded length followed by one LZ4 block.
/// </summary>
/// <remarks>
/// <c>acceleration</c> only trades ratio for speed in the encoder and never changes the format, so it
/// is kept in the metadata as given while encoding always uses LZ4's fast mode.
/// </remarks>
public sealed class Lz4Codec : IBytesToBytesCodec
{
    /// <summary>The id in metadata.</summary>
    public const string CodecId = "lz4";

    private const int HeaderSize = 4;

    /// <summary>Creates the codec with numcodecs' <paramref name="acceleration"/> (default 1).</summary>
    public Lz4Codec(int acceleration = 1)
    {
        Acceleration = acceleration;
    }

    /// <summary>The acceleration recorded in metadata.</summary>
    public int Acceleration { get; }

    /// <inheritdoc/>
    public string Id => CodecId;

    /// <summary>Prepares the codec from <c>{"id": "lz4", "acceleration": N}</c>.</summary>
    public static Lz4Codec FromJson(JsonObject configuration, DataType dataType) =>
        new(CodecConfig.GetInt(configuration, "acceleration", 1));

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        if (encoded.Length < HeaderSize)
        {
            throw new CodecException($"lz4 data is truncated: {encoded.Length} bytes, fewer than the {HeaderSize}-byte length header.");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(encoded);
        if (length < 0 || length > destination.Length)
        {
            throw new CodecException($"lz4 header declares {length} decoded bytes; expected at most {destination.Length}.");
        }

        int n = LZ4Codec.Decode(encoded[HeaderSize..], destination[..length]);
        if (n != length)
        {
            throw new CodecException($"lz4 block is corrupt or truncated: it decoded to {(n < 0 ? "an error" : n + " bytes")}, but its header declares {length} bytes.");
        }

        return n;
    }

    /// <inheritdoc/>
    public int GetMaxEncodedLength(int decodedLength) => HeaderSize + LZ4Codec.MaximumOutputSize(decodedLength);

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, source.Length);
        int n = LZ4Codec.Encode(source, destination[HeaderSize..], LZ4Level.L00_FAST);
        if (n < 0)
        {
            throw new CodecException($"lz4 could not encode {source.Length} bytes into {destination.Length - HeaderSize} bytes.");
        }

        return HeaderSize + n;
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new() { ["id"] = CodecId, ["acceleration"] = Acceleration };
}
