namespace Tessera.Codecs;

/// <summary>
/// Bytes to encode that are not laid out in one span, such as a chunk whose elements still sit inside a larger region.
/// An encoder that works block by block copies out each block when it needs it, so the whole input is never assembled
/// in memory: one pass over the data instead of two (copy the chunk out, then read it back to encode it).
/// </summary>
internal interface IGatheredBytes
{
    /// <summary>The number of bytes.</summary>
    int Length { get; }

    /// <summary>Copies bytes <paramref name="offset"/> … <paramref name="offset"/> + <c>destination.Length</c> − 1 into <paramref name="destination"/>.</summary>
    void CopyTo(int offset, Span<byte> destination);
}

/// <summary>A codec that encodes <see cref="IGatheredBytes"/> without assembling them, into exactly the bytes it writes for the assembled span.</summary>
internal interface IGatheringEncoder
{
    /// <summary>Encodes <paramref name="source"/> as <see cref="IBytesToBytesCodec.Encode"/> encodes its bytes; returns the encoded length.</summary>
    int Encode(IGatheredBytes source, Span<byte> destination);
}
