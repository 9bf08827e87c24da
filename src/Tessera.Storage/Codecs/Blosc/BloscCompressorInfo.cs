namespace Tessera.Codecs.Blosc;

/// <summary>Names, header codes and block-size hints of the <see cref="BloscCompressor"/> values.</summary>
internal static class BloscCompressorInfo
{
    /// <summary>The <c>cname</c> values numcodecs accepts, for error messages.</summary>
    public const string Names = "blosclz, lz4, lz4hc, snappy, zlib, zstd";

    /// <summary>The compressor named <paramref name="name"/>, or null when the name is unknown.</summary>
    public static BloscCompressor? Parse(string name) => name switch
    {
        "blosclz" => BloscCompressor.BloscLz,
        "lz4" => BloscCompressor.Lz4,
        "lz4hc" => BloscCompressor.Lz4HC,
        "snappy" => BloscCompressor.Snappy,
        "zlib" => BloscCompressor.Zlib,
        "zstd" => BloscCompressor.Zstd,
        _ => null,
    };

    /// <summary>The <c>cname</c> of <paramref name="compressor"/>.</summary>
    public static string Name(BloscCompressor compressor) => compressor switch
    {
        BloscCompressor.BloscLz => "blosclz",
        BloscCompressor.Lz4 => "lz4",
        BloscCompressor.Lz4HC => "lz4hc",
        BloscCompressor.Snappy => "snappy",
        BloscCompressor.Zlib => "zlib",
        _ => "zstd",
    };

    /// <summary>The code in bits 5-7 of the header flags (lz4 and lz4hc share the LZ4 format).</summary>
    public static int FormatCode(BloscCompressor compressor) => compressor switch
    {
        BloscCompressor.BloscLz => BloscHeader.BloscLzFormat,
        BloscCompressor.Lz4 or BloscCompressor.Lz4HC => BloscHeader.Lz4Format,
        BloscCompressor.Snappy => BloscHeader.SnappyFormat,
        BloscCompressor.Zlib => BloscHeader.ZlibFormat,
        _ => BloscHeader.ZstdFormat,
    };

    /// <summary>The name of the stream format with header code <paramref name="format"/>, for messages.</summary>
    public static string FormatName(int format) => format switch
    {
        BloscHeader.BloscLzFormat => "blosclz",
        BloscHeader.Lz4Format => "lz4",
        BloscHeader.SnappyFormat => "snappy",
        BloscHeader.ZlibFormat => "zlib",
        BloscHeader.ZstdFormat => "zstd",
        _ => $"unknown ({format})",
    };

    /// <summary>Whether c-blosc treats the compressor as "high compression ratio" and doubles its blocks.</summary>
    public static bool IsHighCompressionRatio(BloscCompressor compressor) =>
        compressor is BloscCompressor.Lz4HC or BloscCompressor.Zlib or BloscCompressor.Zstd;
}
