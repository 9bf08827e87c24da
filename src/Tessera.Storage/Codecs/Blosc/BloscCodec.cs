using System.Text.Json.Nodes;
using Tessera.DataTypes;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// numcodecs' <c>blosc</c> (Blosc-1, as c-blosc 1.21 writes it), in managed code. Decodes every
/// frame numcodecs writes except snappy-compressed ones; encodes with lz4, lz4hc, zlib or zstd and
/// any filter, in frames numcodecs reads. The metadata form is
/// <c>{"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1, "blocksize": 0}</c>.
/// </summary>
/// <remarks>
/// Instances are immutable and thread-safe. Decoding allocates no buffers: scratch space comes
/// from <see cref="System.Buffers.ArrayPool{T}"/>.
/// </remarks>
public sealed class BloscCodec : IBytesToBytesCodec, IGatheringEncoder
{
    /// <summary>The id in metadata.</summary>
    public const string CodecId = "blosc";

    /// <summary>
    /// Creates the codec.
    /// </summary>
    /// <param name="compressor">The compressor inside each block (numcodecs' <c>cname</c>).</param>
    /// <param name="level">Compression level, 0 (store) to 9 (numcodecs' <c>clevel</c>).</param>
    /// <param name="shuffle">The filter; <see cref="BloscShuffle.Auto"/> means bit shuffle for 1-byte items, byte shuffle otherwise.</param>
    /// <param name="blockSize">Bytes per block, or 0 to let Blosc choose (numcodecs' <c>blocksize</c>). As in c-blosc, the value is
    /// clamped to at least 128 bytes, and for compressors that split blocks by byte it is multiplied by the type size and kept within 64 KiB to 1 MiB.</param>
    /// <param name="typeSize">Bytes per item of the array (what the shuffles work on).</param>
    /// <exception cref="CodecException">The level, shuffle or block size is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="typeSize"/> is not positive.</exception>
    public BloscCodec(BloscCompressor compressor = BloscCompressor.Lz4, int level = 5, BloscShuffle shuffle = BloscShuffle.Byte, int blockSize = 0, int typeSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(typeSize, 1);
        if (!Enum.IsDefined(compressor))
        {
            throw new CodecException($"Codec '{CodecId}': compressor {(int)compressor} is unknown; use one of {BloscCompressorInfo.Names}.");
        }

        if (!Enum.IsDefined(shuffle))
        {
            throw new CodecException($"Codec '{CodecId}': shuffle {(int)shuffle} is out of range; use -1 (auto), 0 (none), 1 (byte) or 2 (bit).");
        }

        if (blockSize < 0)
        {
            throw new CodecException($"Codec '{CodecId}': blocksize {blockSize} is negative; use 0 for automatic or a size in bytes.");
        }

        Compressor = compressor;
        Level = CodecConfig.CheckLevel(CodecId, level, 0, 9);
        Shuffle = shuffle;
        BlockSize = blockSize;
        TypeSize = typeSize;
    }

    /// <inheritdoc/>
    public string Id => CodecId;

    /// <summary>The compressor inside each block.</summary>
    public BloscCompressor Compressor { get; }

    /// <summary>The compressor's name in metadata (<c>cname</c>), e.g. <c>lz4</c>.</summary>
    public string CompressorName => BloscCompressorInfo.Name(Compressor);

    /// <summary>The compression level, 0 to 9.</summary>
    public int Level { get; }

    /// <summary>The filter as configured (possibly <see cref="BloscShuffle.Auto"/>).</summary>
    public BloscShuffle Shuffle { get; }

    /// <summary>The filter that encoding applies: <see cref="Shuffle"/> with <see cref="BloscShuffle.Auto"/> resolved for <see cref="TypeSize"/>.</summary>
    public BloscShuffle EffectiveShuffle => Shuffle != BloscShuffle.Auto ? Shuffle : TypeSize == 1 ? BloscShuffle.Bit : BloscShuffle.Byte;

    /// <summary>The requested block size in bytes, or 0 for automatic.</summary>
    public int BlockSize { get; }

    /// <summary>Bytes per item, as written to the frame header when encoding.</summary>
    public int TypeSize { get; }

    /// <summary>
    /// Prepares the codec from numcodecs' configuration; absent fields take numcodecs' defaults
    /// (lz4, level 5, byte shuffle, automatic block size). The type size is the item size of
    /// <paramref name="dataType"/>, as in numcodecs.
    /// </summary>
    /// <exception cref="CodecException">A field has the wrong type or an unsupported value.</exception>
    public static BloscCodec FromJson(JsonObject configuration, DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string cname = CodecConfig.GetString(configuration, "cname", "lz4");
        var compressor = BloscCompressorInfo.Parse(cname)
            ?? throw new CodecException($"Codec '{CodecId}': cname '{cname}' is unknown; use one of {BloscCompressorInfo.Names}.");
        return new BloscCodec(
            compressor,
            CodecConfig.GetInt(configuration, "clevel", 5),
            (BloscShuffle)CodecConfig.GetInt(configuration, "shuffle", (int)BloscShuffle.Byte),
            CodecConfig.GetInt(configuration, "blocksize", 0),
            dataType.ItemSize);
    }

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination) => BloscDecoder.Decode(encoded, destination);

    /// <summary>The decoded length plus the 16-byte header: Blosc stores data that does not compress as is.</summary>
    /// <exception cref="CodecException"><paramref name="decodedLength"/> is more than one Blosc frame holds (2 GiB - 17 bytes).</exception>
    public int GetMaxEncodedLength(int decodedLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decodedLength);
        if (decodedLength > BloscHeader.MaxDecodedSize)
        {
            throw new CodecException($"A chunk of {decodedLength} bytes is larger than one Blosc frame holds ({BloscHeader.MaxDecodedSize} bytes). Use smaller chunks.");
        }

        return decodedLength + BloscHeader.Size;
    }

    /// <inheritdoc/>
    /// <exception cref="CodecException">The compressor is blosclz or snappy, which Tessera reads but does not write, or the chunk is too large.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetMaxEncodedLength"/>.</exception>
    public int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckEncode(source.Length, destination.Length);
        return BloscEncoder.Encode(source, destination, Compressor, Level, EffectiveShuffle, TypeSize, BlockSize);
    }

    /// <inheritdoc/>
    int IGatheringEncoder.Encode(IGatheredBytes source, Span<byte> destination)
    {
        CheckEncode(source.Length, destination.Length);
        return BloscEncoder.Encode(source, destination, Compressor, Level, EffectiveShuffle, TypeSize, BlockSize);
    }

    private void CheckEncode(int sourceLength, int destinationLength)
    {
        if (Compressor is BloscCompressor.BloscLz or BloscCompressor.Snappy)
        {
            throw new CodecException($"Codec '{CodecId}': Tessera reads but does not write cname '{CompressorName}'. Use lz4, lz4hc, zlib or zstd.");
        }

        int required = GetMaxEncodedLength(sourceLength);
        if (destinationLength < required)
        {
            throw new ArgumentException($"The destination holds {destinationLength} bytes; Blosc needs {required} for {sourceLength} bytes.", "destination");
        }
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["id"] = CodecId,
        ["cname"] = CompressorName,
        ["clevel"] = Level,
        ["shuffle"] = (int)Shuffle,
        ["blocksize"] = BlockSize,
    };
}
