using Tessera.Codecs;
using Tessera.Codecs.Blosc;
using Tessera.DataTypes;

namespace Tessera.Zarr.V3.Codecs;

/// <summary>
/// Prepares the v3 bytes → bytes core codecs from their v3 configuration, on top of Tessera's byte codecs:
/// <c>gzip</c>, <c>zstd</c>, <c>blosc</c> and <c>crc32c</c>.
/// </summary>
internal static class V3BytesToBytesCodecs
{
    /// <summary>Whether <paramref name="name"/> is a bytes → bytes codec this class prepares.</summary>
    public static bool IsKnown(string name) => name is GzipCodec.CodecId or ZstdCodec.CodecId or BloscCodec.CodecId or Crc32CCodec.CodecId;

    /// <summary>Prepares the codec named by <paramref name="config"/>.</summary>
    /// <exception cref="ZarrFormatException">The configuration is invalid.</exception>
    public static IBytesToBytesCodec Create(V3CodecConfig config, DataType dataType) => config.Codec switch
    {
        // codecs/gzip: "level", an integer from 0 to 9.
        GzipCodec.CodecId => CreateGzip(config),
        ZstdCodec.CodecId => V3ZstdCodec.Parse(config),
        BloscCodec.CodecId => CreateBlosc(config, dataType),

        // codecs/crc32c: no configuration; the checksum is appended little-endian.
        Crc32CCodec.CodecId => CheckEmpty(config),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Codec, "Not a bytes → bytes codec."),
    };

    private static GzipCodec CreateGzip(V3CodecConfig config)
    {
        config.CheckKeys("level");
        return new GzipCodec(config.GetInt("level", 0, 9));
    }

    private static Crc32CCodec CheckEmpty(V3CodecConfig config)
    {
        config.CheckKeys();
        return Crc32CCodec.Instance;
    }

    /// <summary>
    /// codecs/blosc, "Configuration parameters": <c>cname</c>, <c>clevel</c> (0–9), <c>shuffle</c> as a name,
    /// <c>typesize</c> and <c>blocksize</c>. zarr-python always writes all five; Tessera defaults a missing
    /// <c>typesize</c> to the data type's item size and a missing <c>blocksize</c> to 0 (automatic).
    /// </summary>
    private static BloscCodec CreateBlosc(V3CodecConfig config, DataType dataType)
    {
        config.CheckKeys("cname", "clevel", "shuffle", "typesize", "blocksize");
        string cname = config.GetString("cname", ["lz4", "lz4hc", "blosclz", "zstd", "zlib", "snappy"]);
        if (cname == "snappy")
        {
            throw config.Error("cname \"snappy\" is not supported; use lz4, lz4hc, blosclz, zstd or zlib.");
        }

        var compressor = BloscCompressorInfo.Parse(cname)!.Value;
        int level = config.GetInt("clevel", 0, 9);
        var shuffle = config.GetString("shuffle", ["noshuffle", "shuffle", "bitshuffle"]) switch
        {
            "noshuffle" => BloscShuffle.None,
            "shuffle" => BloscShuffle.Byte,
            _ => BloscShuffle.Bit,
        };
        int typeSize = config.GetInt("typesize", 1, int.MaxValue, fallback: dataType.ItemSize);
        int blockSize = config.GetInt("blocksize", 0, int.MaxValue, fallback: 0);
        return new BloscCodec(compressor, level, shuffle, blockSize, typeSize);
    }
}
