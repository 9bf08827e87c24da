using Tessera.DataTypes;

namespace Tessera.Zarr.V3.Codecs;

/// <summary>
/// The v3 <c>bytes</c> codec (codecs/bytes, "Configuration parameters"): the array's elements in C order, each
/// in the byte order given by <c>endian</c> (<c>"little"</c> or <c>"big"</c>). <c>endian</c> is required for
/// multi-byte data types and may be left out for 1-byte ones.
/// </summary>
internal sealed class BytesCodec : IArrayToBytesCodec
{
    /// <summary>The name in metadata.</summary>
    public const string CodecName = "bytes";

    private BytesCodec(bool bigEndian) => BigEndian = bigEndian;

    /// <inheritdoc/>
    public string Name => CodecName;

    /// <summary>Whether the stored elements are big-endian.</summary>
    public bool BigEndian { get; }

    /// <summary>Reads <c>{"endian": "little" | "big"}</c> for <paramref name="dataType"/>.</summary>
    /// <exception cref="ZarrFormatException"><c>endian</c> is missing for a multi-byte type or has another value.</exception>
    public static BytesCodec Parse(V3CodecConfig config, DataType dataType)
    {
        config.CheckKeys("endian");
        if (config.Get("endian") is null && dataType.ItemSize > 1)
        {
            throw config.Error($"field 'endian' is required for the {dataType.Name} data type ({dataType.ItemSize}-byte elements); add \"endian\": \"little\" or \"big\".");
        }

        // 1-byte elements have no byte order, so a missing endian means the same as "little".
        string endian = config.GetString("endian", ["little", "big"], fallback: "little");
        return new BytesCodec(endian == "big" && dataType.ItemSize > 1);
    }

    /// <inheritdoc/>
    public void EncodeInPlace(Span<byte> data, int itemSize) => DecodeInPlace(data, itemSize);

    /// <inheritdoc/>
    public void DecodeInPlace(Span<byte> data, int itemSize)
    {
        // Tessera's decoded chunks are little-endian whatever the machine, so only "big" needs work.
        if (BigEndian)
        {
            Endianness.SwapInPlace(data, itemSize);
        }
    }
}
