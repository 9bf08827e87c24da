using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Zarr.V3.Codecs;

/// <summary>
/// The v3 <c>transpose</c> codec (codecs/transpose, "Configuration parameters" and "Encoding procedure"):
/// <c>order</c> is a permutation of <c>0..rank-1</c>; the encoded array has shape
/// <c>[shape[order[0]], …, shape[order[n-1]]]</c> and its element <c>j</c> is the decoded element <c>i</c> with
/// <c>i[order[k]] = j[k]</c>, as NumPy's <c>transpose(order)</c>.
/// </summary>
internal sealed class TransposeCodec : IArrayToArrayCodec
{
    /// <summary>The name in metadata.</summary>
    public const string CodecName = "transpose";

    private readonly int[] _order;

    private TransposeCodec(int[] order) => _order = order;

    /// <inheritdoc/>
    public string Name => CodecName;

    /// <summary>The permutation.</summary>
    public IReadOnlyList<int> Order => _order;

    /// <summary>Reads <c>{"order": [...]}</c> for an array of <paramref name="rank"/> dimensions.</summary>
    /// <exception cref="ZarrFormatException"><c>order</c> is missing or not a permutation of <c>0..rank-1</c>.</exception>
    public static TransposeCodec Parse(V3CodecConfig config, int rank)
    {
        config.CheckKeys("order");
        var node = config.Get("order");
        string expected = $"a permutation of 0..{rank - 1} (one entry per dimension of the chunk)";
        if (node is not JsonArray array)
        {
            throw config.Error($"field 'order' must be {expected}; found {V3Json.Describe(node)}.");
        }

        var order = new int[array.Count];
        var seen = new bool[Math.Max(rank, array.Count)];
        for (int k = 0; k < array.Count; k++)
        {
            if (array[k] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out order[k])
                || order[k] < 0 || order[k] >= rank || seen[order[k]])
            {
                throw config.Error($"field 'order' is {V3Json.Describe(node)}; expected {expected}.");
            }

            seen[order[k]] = true;
        }

        return order.Length == rank
            ? new TransposeCodec(order)
            : throw config.Error($"field 'order' is {V3Json.Describe(node)}; expected {expected}.");
    }

    /// <inheritdoc/>
    public int[] GetEncodedShape(int[] decodedShape)
    {
        var shape = new int[_order.Length];
        for (int k = 0; k < shape.Length; k++)
        {
            shape[k] = decodedShape[_order[k]];
        }

        return shape;
    }

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<byte> decoded, Span<byte> encoded, ReadOnlySpan<int> decodedShape, int itemSize) =>
        Permute(decoded, encoded, decodedShape, itemSize, gather: true);

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded, ReadOnlySpan<int> decodedShape, int itemSize) =>
        Permute(encoded, decoded, decodedShape, itemSize, gather: false);

    // Walks the encoded array in C order while tracking the matching decoded offset; gather reads the decoded
    // array at that offset (encoding), scatter writes it (decoding). Typed by item size so each step moves one word.
    private void Permute(ReadOnlySpan<byte> source, Span<byte> destination, ReadOnlySpan<int> decodedShape, int itemSize, bool gather)
    {
        switch (itemSize)
        {
            case 1: Permute(source, destination, decodedShape, gather); break;
            case 2: Permute(MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(destination), decodedShape, gather); break;
            case 4: Permute(MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(destination), decodedShape, gather); break;
            case 8: Permute(MemoryMarshal.Cast<byte, ulong>(source), MemoryMarshal.Cast<byte, ulong>(destination), decodedShape, gather); break;
            default: throw new ArgumentOutOfRangeException(nameof(itemSize), itemSize, "Item sizes are 1, 2, 4 or 8 bytes.");
        }
    }

    private void Permute<T>(ReadOnlySpan<T> source, Span<T> destination, ReadOnlySpan<int> decodedShape, bool gather)
        where T : unmanaged
    {
        int rank = _order.Length;
        Span<long> decodedStrides = stackalloc long[rank];
        long stride = 1;
        for (int d = rank - 1; d >= 0; d--)
        {
            decodedStrides[d] = stride;
            stride *= decodedShape[d];
        }

        // Step k of the encoded walk moves the decoded offset by the stride of decoded axis order[k].
        Span<long> steps = stackalloc long[rank];
        Span<int> extents = stackalloc int[rank];
        for (int k = 0; k < rank; k++)
        {
            steps[k] = decodedStrides[_order[k]];
            extents[k] = decodedShape[_order[k]];
        }

        Span<int> index = stackalloc int[rank];
        long offset = 0;
        for (int e = 0; e < source.Length; e++)
        {
            if (gather)
            {
                destination[e] = source[(int)offset];
            }
            else
            {
                destination[(int)offset] = source[e];
            }

            for (int k = rank - 1; k >= 0; k--)
            {
                offset += steps[k];
                if (++index[k] < extents[k])
                {
                    break;
                }

                offset -= steps[k] * extents[k];
                index[k] = 0;
            }
        }
    }
}
