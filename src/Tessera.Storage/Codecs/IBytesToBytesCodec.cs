using System.Text.Json.Nodes;

namespace Tessera.Codecs;

/// <summary>
/// A codec that turns bytes into bytes (a compressor, in Zarr v2 terms). An instance is prepared once
/// per array from its JSON configuration and the array's data type, and is then shared by every chunk
/// and thread: implementations are immutable and thread-safe.
/// </summary>
public interface IBytesToBytesCodec
{
    /// <summary>The codec's id as written in metadata (numcodecs' <c>id</c>), e.g. <c>blosc</c>.</summary>
    string Id { get; }

    /// <summary>
    /// Decodes <paramref name="encoded"/> into <paramref name="destination"/>, whose length is the
    /// expected decoded size, and returns the number of bytes written.
    /// </summary>
    /// <exception cref="CodecException">The input is truncated or corrupt, or decodes to more bytes than <paramref name="destination"/> holds.</exception>
    int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination);

    /// <summary>An upper bound on the encoded size of <paramref name="decodedLength"/> bytes.</summary>
    int GetMaxEncodedLength(int decodedLength);

    /// <summary>
    /// Encodes <paramref name="source"/> into <paramref name="destination"/> (at least
    /// <see cref="GetMaxEncodedLength"/> bytes long) and returns the encoded length.
    /// </summary>
    int Encode(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>The configuration as numcodecs writes it (the <c>compressor</c> object of <c>.zarray</c>).</summary>
    JsonObject ToJson();
}
