using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Tessera.Codecs;

/// <summary>
/// The deflate family (zlib and gzip framing) driven through System.IO.Compression streams over spans.
/// Subclasses choose the framing.
/// </summary>
public abstract class DeflateCodec : IBytesToBytesCodec
{
    /// <summary>Creates the codec at compression <paramref name="level"/> (0–9).</summary>
    /// <exception cref="CodecException">The level is out of range.</exception>
    private protected DeflateCodec(string id, int level)
    {
        Id = id;
        Level = CodecConfig.CheckLevel(id, level, 0, 9);
    }

    /// <inheritdoc/>
    public string Id { get; }

    /// <summary>The compression level, 0–9.</summary>
    public int Level { get; }

    /// <inheritdoc/>
    public unsafe int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        fixed (byte* src = encoded)
        {
            using var input = new UnmanagedMemoryStream(src, encoded.Length);
            using var decoder = OpenDecoder(input);
            int total = 0;
            try
            {
                while (total < destination.Length)
                {
                    int n = decoder.Read(destination[total..]);
                    if (n == 0)
                    {
                        return total;
                    }

                    total += n;
                }

                Span<byte> probe = stackalloc byte[1];
                if (decoder.Read(probe) != 0)
                {
                    throw new CodecException($"{Id} data decodes to more than the expected {destination.Length} bytes.");
                }
            }
            catch (InvalidDataException ex)
            {
                throw new CodecException($"{Id} data is corrupt or truncated after {total} decoded bytes: {ex.Message}", ex);
            }

            return total;
        }
    }

    /// <inheritdoc/>
    public int GetMaxEncodedLength(int decodedLength) =>
        // Not zlib's compressBound: .NET's zlib-ng codes level 1 ("quick") with the fixed Huffman table, in
        // which a byte of incompressible data can take 9 bits, so output can grow by an eighth, plus block
        // headers, the zlib or gzip header and trailer, and slack.
        checked(decodedLength + (decodedLength >> 3) + (decodedLength >> 10) + 18 + 256);

    /// <inheritdoc/>
    public unsafe int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* dst = destination)
        {
            using var output = new UnmanagedMemoryStream(dst, 0, destination.Length, FileAccess.Write);
            var options = new ZLibCompressionOptions { CompressionLevel = Level, CompressionStrategy = ZLibCompressionStrategy.Default };
            using (var encoder = OpenEncoder(output, options))
            {
                encoder.Write(source);
            }

            return checked((int)output.Position);
        }
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new() { ["id"] = Id, ["level"] = Level };

    /// <summary>Opens a decompressing stream of this framing over <paramref name="input"/>.</summary>
    private protected abstract Stream OpenDecoder(Stream input);

    /// <summary>Opens a compressing stream of this framing over <paramref name="output"/>.</summary>
    private protected abstract Stream OpenEncoder(Stream output, ZLibCompressionOptions options);
}
