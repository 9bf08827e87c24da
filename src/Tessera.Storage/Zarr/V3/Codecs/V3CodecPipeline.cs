using System.Diagnostics.CodeAnalysis;
using Tessera.Buffers;
using Tessera.Codecs;
using Tessera.DataTypes;
using Tessera.Stores;

namespace Tessera.Zarr.V3.Codecs;

/// <summary>
/// The prepared codec chain of a Zarr v3 array (core spec, "Codecs"): zero or more array → array codecs
/// (<c>transpose</c>), exactly one array → bytes codec (<c>bytes</c>), then zero or more bytes → bytes codecs
/// (<c>gzip</c>, <c>zstd</c>, <c>blosc</c>, <c>crc32c</c>), in that order. Created once per array from its metadata;
/// immutable and thread-safe.
/// </summary>
public sealed class V3CodecPipeline
{
    /// <summary>The codec names <see cref="Create"/> accepts, for error messages.</summary>
    public const string SupportedNames = "transpose, bytes, gzip, zstd, blosc, crc32c";

    private readonly IArrayToArrayCodec[] _arrayToArray;
    private readonly int[][] _shapes;
    private readonly IArrayToBytesCodec _arrayToBytes;
    private readonly IBytesToBytesCodec[] _bytesToBytes;

    // _bounds[i] bounds the input of bytes → bytes codec i (so _bounds[0] is the chunk size); the last entry
    // bounds the stored chunk. Decoding codec i writes into a buffer of _bounds[i] bytes.
    private readonly int[] _bounds;
    private readonly int _capacity;
    private readonly string _source;

    private V3CodecPipeline(
        DataType dataType, int[][] shapes, IArrayToArrayCodec[] arrayToArray, IArrayToBytesCodec arrayToBytes, IBytesToBytesCodec[] bytesToBytes, string source)
    {
        DataType = dataType;
        _shapes = shapes;
        _arrayToArray = arrayToArray;
        _arrayToBytes = arrayToBytes;
        _bytesToBytes = bytesToBytes;
        _source = source;
        DecodedLength = checked((int)(ShapeProduct(shapes[0]) * dataType.ItemSize));
        _bounds = new int[bytesToBytes.Length + 1];
        _bounds[0] = DecodedLength;
        for (int i = 0; i < bytesToBytes.Length; i++)
        {
            _bounds[i + 1] = bytesToBytes[i].GetMaxEncodedLength(_bounds[i]);
        }

        _capacity = _bounds.Max();
    }

    /// <summary>The data type of the chunks.</summary>
    public DataType DataType { get; }

    /// <summary>The shape of a decoded chunk.</summary>
    public IReadOnlyList<int> ChunkShape => _shapes[0];

    /// <summary>The size of a decoded chunk in bytes: the product of <see cref="ChunkShape"/> times the item size.</summary>
    public int DecodedLength { get; }

    /// <summary>The codec names in application order, as in metadata.</summary>
    public IReadOnlyList<string> Names =>
        [.. _arrayToArray.Select(c => c.Name), _arrayToBytes.Name, .. _bytesToBytes.Select(c => c.Id)];

    /// <summary>
    /// Resolves and validates <paramref name="codecs"/> (an array's <c>codecs</c> list) for chunks of
    /// <paramref name="chunkShape"/> and <paramref name="dataType"/>.
    /// </summary>
    /// <param name="codecs">The codecs in metadata order.</param>
    /// <param name="dataType">The array's data type (little-endian, as <see cref="V3.V3DataTypes"/> maps it).</param>
    /// <param name="chunkShape">The shape of one chunk.</param>
    /// <param name="source">The metadata file, named in errors.</param>
    /// <exception cref="ZarrFormatException">
    /// A codec is unknown (<c>sharding_indexed</c> is prepared by ShardingCodec instead), the codecs are out of order, there is not
    /// exactly one array → bytes codec, or a configuration is invalid. Messages name the file, the codec and the field.
    /// </exception>
    /// <exception cref="ArgumentException">The chunk shape has a negative extent.</exception>
    public static V3CodecPipeline Create(IReadOnlyList<V3Codec> codecs, DataType dataType, int[] chunkShape, string source)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        ArgumentNullException.ThrowIfNull(chunkShape);
        ArgumentNullException.ThrowIfNull(source);
        foreach (int extent in chunkShape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(extent, nameof(chunkShape));
        }

        var arrayToArray = new List<IArrayToArrayCodec>();
        var shapes = new List<int[]> { (int[])chunkShape.Clone() };
        IArrayToBytesCodec? arrayToBytes = null;
        var bytesToBytes = new List<IBytesToBytesCodec>();
        foreach (var codec in codecs)
        {
            ArgumentNullException.ThrowIfNull(codec, nameof(codecs));
            var config = new V3CodecConfig(codec.Configuration, codec.Name, source);
            switch (codec.Name)
            {
                case TransposeCodec.CodecName:
                    CheckOrder(arrayToBytes is null, codec.Name, "an array → array", arrayToBytes?.Name, source);
                    var transpose = TransposeCodec.Parse(config, shapes[^1].Length);
                    shapes.Add(transpose.GetEncodedShape(shapes[^1]));
                    arrayToArray.Add(transpose);
                    break;
                case BytesCodec.CodecName:
                    if (arrayToBytes is not null)
                    {
                        throw new ZarrFormatException(
                            $"'{source}': codec '{codec.Name}' follows the array → bytes codec '{arrayToBytes.Name}'; a codec list has exactly one array → bytes codec.");
                    }

                    CheckOrder(bytesToBytes.Count == 0, codec.Name, "the array → bytes", bytesToBytes.LastOrDefault()?.Id, source);
                    arrayToBytes = BytesCodec.Parse(config, dataType);
                    break;
                case "sharding_indexed":
                    throw new ZarrFormatException(
                        $"'{source}': codec 'sharding_indexed' must be the only codec of an array (or of an inner codec list); combined with other codecs Tessera cannot read shards partially.");
                case var name when V3BytesToBytesCodecs.IsKnown(name):
                    if (arrayToBytes is null)
                    {
                        throw new ZarrFormatException(
                            $"'{source}': codec '{name}' is a bytes → bytes codec but comes before any array → bytes codec; put 'bytes' before it.");
                    }

                    bytesToBytes.Add(V3BytesToBytesCodecs.Create(config, dataType));
                    break;
                default:
                    throw new ZarrFormatException($"'{source}': Tessera does not support the v3 codec '{codec.Name}'; supported: {SupportedNames}.");
            }
        }

        if (arrayToBytes is null)
        {
            throw new ZarrFormatException(
                $"'{source}': the codecs list has no array → bytes codec; it needs exactly one, such as {{\"name\": \"bytes\", \"configuration\": {{\"endian\": \"little\"}}}}.");
        }

        return new V3CodecPipeline(dataType, [.. shapes], [.. arrayToArray], arrayToBytes, [.. bytesToBytes], source);
    }

    /// <summary>Encodes one chunk for storage.</summary>
    /// <param name="chunk">The decoded chunk: C order, little-endian elements, of <see cref="ChunkShape"/>.</param>
    /// <returns>The bytes to store.</returns>
    /// <exception cref="ArgumentException"><paramref name="chunk"/> is not <see cref="DecodedLength"/> bytes long.</exception>
    /// <exception cref="CodecException">A codec cannot encode the chunk (for example Blosc with cname blosclz).</exception>
    public byte[] Encode(ReadOnlySpan<byte> chunk)
    {
        using var encoded = EncodePooled(chunk);
        return encoded.Span.ToArray();
    }

    /// <summary>Encodes one chunk for storage into pooled memory; dispose the result to return it.</summary>
    /// <inheritdoc cref="Encode" path="/param"/>
    /// <inheritdoc cref="Encode" path="/exception"/>
    public StoreValue EncodePooled(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length != DecodedLength)
        {
            ThrowWrongChunkLength(chunk.Length, nameof(chunk));
        }

        byte[] current = BufferPool.Rent<byte>(_capacity);
        byte[] other = BufferPool.Rent<byte>(_capacity);
        try
        {
            chunk.CopyTo(current);
            int itemSize = DataType.ItemSize;
            for (int i = 0; i < _arrayToArray.Length; i++)
            {
                _arrayToArray[i].Encode(current.AsSpan(0, DecodedLength), other.AsSpan(0, DecodedLength), _shapes[i], itemSize);
                (current, other) = (other, current);
            }

            _arrayToBytes.EncodeInPlace(current.AsSpan(0, DecodedLength), itemSize);
            int length = DecodedLength;
            foreach (var codec in _bytesToBytes)
            {
                length = codec.Encode(current.AsSpan(0, length), other);
                (current, other) = (other, current);
            }

            var encoded = StoreValue.Rent(length);
            current.AsSpan(0, length).CopyTo(encoded.WritableMemory.Span);
            return encoded;
        }
        finally
        {
            BufferPool.Return(current);
            BufferPool.Return(other);
        }
    }

    /// <summary>Decodes one stored chunk: the inverse of <see cref="Encode"/>.</summary>
    /// <param name="stored">The stored bytes.</param>
    /// <param name="chunk">Receives the chunk: C order, little-endian elements, <see cref="DecodedLength"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="chunk"/> is not <see cref="DecodedLength"/> bytes long.</exception>
    /// <exception cref="CodecException">The stored bytes are corrupt or truncated, or decode to the wrong size.</exception>
    public void Decode(ReadOnlySpan<byte> stored, Span<byte> chunk)
    {
        if (chunk.Length != DecodedLength)
        {
            ThrowWrongChunkLength(chunk.Length, nameof(chunk));
        }

        byte[] current = BufferPool.Rent<byte>(_capacity);
        byte[] other = BufferPool.Rent<byte>(_capacity);
        try
        {
            int length;
            if (_bytesToBytes.Length == 0)
            {
                length = stored.Length;
                if (length == DecodedLength)
                {
                    stored.CopyTo(current);
                }
            }
            else
            {
                length = _bytesToBytes[^1].Decode(stored, current.AsSpan(0, _bounds[^2]));
                for (int i = _bytesToBytes.Length - 2; i >= 0; i--)
                {
                    length = _bytesToBytes[i].Decode(current.AsSpan(0, length), other.AsSpan(0, _bounds[i]));
                    (current, other) = (other, current);
                }
            }

            if (length != DecodedLength)
            {
                ThrowWrongDecodedLength(length);
            }

            int itemSize = DataType.ItemSize;
            _arrayToBytes.DecodeInPlace(current.AsSpan(0, DecodedLength), itemSize);
            for (int i = _arrayToArray.Length - 1; i >= 0; i--)
            {
                _arrayToArray[i].Decode(current.AsSpan(0, DecodedLength), other.AsSpan(0, DecodedLength), _shapes[i], itemSize);
                (current, other) = (other, current);
            }

            current.AsSpan(0, DecodedLength).CopyTo(chunk);
        }
        finally
        {
            BufferPool.Return(current);
            BufferPool.Return(other);
        }
    }

    private static void CheckOrder(bool inOrder, string name, string kind, string? previous, string source)
    {
        if (!inOrder)
        {
            throw new ZarrFormatException(
                $"'{source}': codec '{name}' is {kind} codec but comes after '{previous}'; the order is array → array codecs, then one array → bytes codec, then bytes → bytes codecs.");
        }
    }

    private static long ShapeProduct(int[] shape)
    {
        long product = 1;
        foreach (int extent in shape)
        {
            product *= extent;
        }

        return product;
    }

    [DoesNotReturn]
    private void ThrowWrongChunkLength(int length, string name) =>
        throw new ArgumentException($"The chunk holds {length} bytes; chunks of shape [{string.Join(", ", _shapes[0])}] and type {DataType.Name} hold {DecodedLength}.", name);

    [DoesNotReturn]
    private void ThrowWrongDecodedLength(int length) =>
        throw new CodecException(
            $"'{_source}': a chunk decoded through [{string.Join(", ", Names)}] to {length} bytes; chunks of shape [{string.Join(", ", _shapes[0])}] and type {DataType.Name} hold {DecodedLength}. The chunk is corrupt or was written with other metadata.");
}
