using System.Diagnostics;

namespace Tessera.Zarr.V3.Codecs.Sharding;

/// <summary>
/// The decoded index of one shard (codecs/sharding-indexed, "Binary shard format"): for each inner chunk, in C order
/// of its position in the shard's grid of inner chunks, where its stored bytes lie in the shard, or that it is not
/// stored. Made by <see cref="ShardingCodec.DecodeIndex"/>, which has already checked every entry; immutable.
/// </summary>
public sealed class ShardIndex
{
    /// <summary>The value of both <c>offset</c> and <c>nbytes</c> of an inner chunk that is not stored: 2^64 − 1.</summary>
    public const ulong EmptyEntry = ulong.MaxValue;

    // (offset, length) pairs in C order of inner chunk position; -1 in both marks an inner chunk that is not stored.
    private readonly long[] _entries;

    internal ShardIndex(long[] entries)
    {
        Debug.Assert(entries.Length % 2 == 0, "The index holds (offset, length) pairs.");
        _entries = entries;
    }

    /// <summary>The number of inner chunks in the shard.</summary>
    public int Count => _entries.Length / 2;

    /// <summary>
    /// The byte range of the stored inner chunk <paramref name="innerLinear"/> (see <see cref="Linear"/>):
    /// its offset from the start of the shard and its length, in bytes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="innerLinear"/> is not in [0, <see cref="Count"/>).</exception>
    /// <exception cref="InvalidOperationException">The inner chunk is not stored; check <see cref="IsEmpty"/> first.</exception>
    public (long Offset, long Length) this[int innerLinear]
    {
        get
        {
            if (IsEmpty(innerLinear))
            {
                throw new InvalidOperationException(
                    $"Inner chunk {innerLinear} of the shard is not stored (its index entry is 2^64-1); it holds the fill value. Check IsEmpty first.");
            }

            return (_entries[2 * innerLinear], _entries[(2 * innerLinear) + 1]);
        }
    }

    /// <summary>Whether inner chunk <paramref name="innerLinear"/> is not stored, so that it holds the fill value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="innerLinear"/> is not in [0, <see cref="Count"/>).</exception>
    public bool IsEmpty(int innerLinear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(innerLinear);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(innerLinear, Count);
        return _entries[2 * innerLinear] < 0;
    }

    /// <summary>The C-order linear number of the inner chunk at <paramref name="innerPosition"/>, the order of the index entries.</summary>
    /// <param name="innerPosition">The inner chunk's position in the shard's grid of inner chunks.</param>
    /// <param name="innerGridShape">The number of inner chunks along each axis (<see cref="ShardingCodec.InnerGridShape"/>).</param>
    /// <exception cref="ArgumentException">The ranks differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate lies outside the grid.</exception>
    public static int Linear(ReadOnlySpan<int> innerPosition, ReadOnlySpan<int> innerGridShape)
    {
        if (innerPosition.Length != innerGridShape.Length)
        {
            throw new ArgumentException(
                $"The inner chunk position has {innerPosition.Length} coordinates; the shard's grid of inner chunks has {innerGridShape.Length} axes.", nameof(innerPosition));
        }

        int linear = 0;
        for (int axis = 0; axis < innerPosition.Length; axis++)
        {
            if ((uint)innerPosition[axis] >= (uint)innerGridShape[axis])
            {
                throw new ArgumentOutOfRangeException(
                    nameof(innerPosition),
                    $"The inner chunk position [{string.Join(", ", innerPosition.ToArray())}] lies outside the grid of inner chunks [{string.Join(", ", innerGridShape.ToArray())}] along axis {axis}.");
            }

            linear = (linear * innerGridShape[axis]) + innerPosition[axis];
        }

        return linear;
    }

    /// <summary>The position of inner chunk <paramref name="linear"/> in a grid of <paramref name="gridShape"/>, as "[i, j, k]" for messages.</summary>
    internal static string FormatPosition(int linear, ReadOnlySpan<int> gridShape)
    {
        var position = new int[gridShape.Length];
        for (int axis = gridShape.Length - 1; axis >= 0; axis--)
        {
            position[axis] = linear % gridShape[axis];
            linear /= gridShape[axis];
        }

        return "[" + string.Join(", ", position) + "]";
    }
}
