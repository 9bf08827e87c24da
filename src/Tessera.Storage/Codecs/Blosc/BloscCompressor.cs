namespace Tessera.Codecs.Blosc;

/// <summary>The compressor Blosc runs inside each block (numcodecs' <c>cname</c>).</summary>
public enum BloscCompressor
{
    /// <summary><c>blosclz</c>, Blosc's own FastLZ derivative (decoding only).</summary>
    BloscLz,

    /// <summary><c>lz4</c>.</summary>
    Lz4,

    /// <summary><c>lz4hc</c>: LZ4's high-compression encoder; the stream is plain LZ4.</summary>
    Lz4HC,

    /// <summary><c>snappy</c> (not supported: neither encoded nor decoded).</summary>
    Snappy,

    /// <summary><c>zlib</c>.</summary>
    Zlib,

    /// <summary><c>zstd</c>.</summary>
    Zstd,
}
