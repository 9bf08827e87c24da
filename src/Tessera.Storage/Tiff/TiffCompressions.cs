namespace Tessera.Tiff;

/// <summary>Names of TIFF compression codes, and the ones Tessera decodes.</summary>
public static class TiffCompressions
{
    /// <summary>What <see cref="IsSupported"/> accepts, for error messages.</summary>
    public const string SupportedList =
        "none (1), LZW (5), Adobe Deflate (8), Deflate (32946) and PackBits (32773), each with or without a " +
        "horizontal (2) or floating-point (3) predictor";

    /// <summary>Whether Tessera decodes pages with compression <paramref name="code"/>.</summary>
    public static bool IsSupported(int code) => code is 1 or 5 or 8 or 32946 or 32773;

    /// <summary>The usual name of compression <paramref name="code"/>, or <c>unknown</c>.</summary>
    public static string Name(int code) => code switch
    {
        1 => "none",
        2 => "CCITT RLE",
        3 => "CCITT Group 3",
        4 => "CCITT Group 4",
        5 => "LZW",
        6 => "old-style JPEG",
        7 => "JPEG",
        8 => "Adobe Deflate",
        32946 => "Deflate",
        32773 => "PackBits",
        34712 => "JPEG 2000",
        34887 => "LERC",
        34925 => "LZMA",
        34926 => "Zstandard (old code)",
        50000 => "Zstandard",
        50001 => "WebP",
        50002 => "JPEG XL (old code)",
        52546 => "JPEG XL",
        _ => "unknown",
    };
}
