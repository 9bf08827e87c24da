using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Tessera.DataTypes;

namespace Tessera.Codecs;

/// <summary>
/// Zarr v3's <c>crc32c</c> codec (numcodecs' <c>crc32c</c> with <c>location: "end"</c>): the data
/// followed by the 4-byte little-endian CRC-32C (<see cref="Crc32C"/>) of that data.
/// </summary>
public sealed class Crc32CCodec : IBytesToBytesCodec
{
    /// <summary>The id in metadata (Zarr v3 <c>name</c>, numcodecs <c>id</c>).</summary>
    public const string CodecId = "crc32c";

    /// <summary>The length of the checksum appended to the data, in bytes.</summary>
    public const int ChecksumSize = sizeof(uint);

    /// <summary>The codec; it has no settings, so one instance serves every array.</summary>
    public static Crc32CCodec Instance { get; } = new();

    /// <inheritdoc/>
    public string Id => CodecId;

    /// <summary>
    /// Prepares the codec from <c>{"id": "crc32c"}</c>. numcodecs' optional <c>location</c> must be
    /// <c>"end"</c>, the only layout Zarr v3 defines.
    /// </summary>
    /// <exception cref="CodecException"><c>location</c> is not <c>"end"</c>.</exception>
    public static Crc32CCodec FromJson(JsonObject configuration, DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string location = CodecConfig.GetString(configuration, "location", "end");
        if (location != "end")
        {
            throw new CodecException($"Codec '{CodecId}': location \"{location}\" is not supported; only \"end\" (the Zarr v3 layout) is.");
        }

        return Instance;
    }

    /// <summary>Checks the trailing checksum and copies the data before it to <paramref name="destination"/>.</summary>
    /// <exception cref="CodecException">
    /// The input is shorter than the checksum, the checksum does not match the data, or the data is
    /// longer than <paramref name="destination"/>.
    /// </exception>
    public int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        if (encoded.Length < ChecksumSize)
        {
            ThrowTruncated(encoded.Length);
        }

        var data = encoded[..^ChecksumSize];
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(encoded[^ChecksumSize..]);
        uint actual = Crc32C.Compute(data);
        if (actual != expected)
        {
            ThrowMismatch(data.Length, expected, actual);
        }

        if (data.Length > destination.Length)
        {
            ThrowTooLong(data.Length, destination.Length);
        }

        data.CopyTo(destination);
        return data.Length;
    }

    /// <inheritdoc/>
    public int GetMaxEncodedLength(int decodedLength) => checked(decodedLength + ChecksumSize);

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> and appends its checksum.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetMaxEncodedLength"/>.</exception>
    public int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int length = GetMaxEncodedLength(source.Length);
        if (destination.Length < length)
        {
            ThrowDestinationTooShort(destination.Length, length);
        }

        source.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[source.Length..], Crc32C.Compute(source));
        return length;
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new() { ["id"] = CodecId };

    [DoesNotReturn]
    private static void ThrowTruncated(int length) =>
        throw new CodecException($"crc32c data is truncated: {length} bytes, fewer than the {ChecksumSize}-byte checksum.");

    [DoesNotReturn]
    private static void ThrowMismatch(int length, uint expected, uint actual) =>
        throw new CodecException(
            $"crc32c checksum mismatch: the stored checksum is 0x{expected:X8}, but the {length} bytes of data hash to 0x{actual:X8}. The chunk is corrupt or truncated; rewrite it from a good copy.");

    [DoesNotReturn]
    private static void ThrowTooLong(int length, int capacity) =>
        throw new CodecException($"crc32c data holds {length} bytes; expected at most {capacity}.");

    [DoesNotReturn]
    private static void ThrowDestinationTooShort(int length, int required) =>
        throw new ArgumentException($"The destination holds {length} bytes but crc32c needs {required}; size it with GetMaxEncodedLength.", "destination");
}
