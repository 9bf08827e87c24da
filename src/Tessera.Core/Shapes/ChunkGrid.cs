namespace Tessera.Shapes;

/// <summary>
/// A regular grid of chunks over an N-D array. Chunks at the upper edge of an axis may extend past
/// the array; <see cref="GetChunkExtent"/> reports the part that lies inside it.
/// </summary>
public sealed class ChunkGrid
{
    private readonly long[] _shape;
    private readonly int[] _chunkShape;
    private readonly long[] _gridShape;

    /// <summary>Creates the grid of chunks of <paramref name="chunkShape"/> over an array of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The ranks differ, a size is negative or a chunk size is not positive.</exception>
    public ChunkGrid(ReadOnlySpan<long> shape, ReadOnlySpan<int> chunkShape)
    {
        if (shape.Length != chunkShape.Length)
        {
            throw new ArgumentException($"Chunk shape {ShapeMath.Format(chunkShape)} has {chunkShape.Length} dimensions but the array shape {ShapeMath.Format(shape)} has {shape.Length}.", nameof(chunkShape));
        }

        _shape = shape.ToArray();
        _chunkShape = chunkShape.ToArray();
        _gridShape = new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new ArgumentException($"Array shape {ShapeMath.Format(shape)} has a negative size along axis {i}.", nameof(shape));
            }

            if (chunkShape[i] <= 0)
            {
                throw new ArgumentException($"Chunk shape {ShapeMath.Format(chunkShape)} must be positive along every axis; axis {i} is {chunkShape[i]}.", nameof(chunkShape));
            }

            _gridShape[i] = (shape[i] + chunkShape[i] - 1) / chunkShape[i];
        }
    }

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The array's shape.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>The shape of a whole chunk.</summary>
    public ReadOnlySpan<int> ChunkShape => _chunkShape;

    /// <summary>The number of chunks along each axis.</summary>
    public ReadOnlySpan<long> GridShape => _gridShape;

    /// <summary>The total number of chunks.</summary>
    public long ChunkCount => ShapeMath.Product(_gridShape);

    /// <summary>The number of elements of one whole chunk.</summary>
    public long ChunkLength => ShapeMath.Product(_chunkShape);

    /// <summary>
    /// The origin (in array coordinates) of chunk <paramref name="chunkIndex"/> and the extent of its
    /// part inside the array (smaller than <see cref="ChunkShape"/> at upper edges).
    /// </summary>
    public void GetChunkExtent(ReadOnlySpan<long> chunkIndex, Span<long> origin, Span<int> extent)
    {
        for (int i = 0; i < Rank; i++)
        {
            origin[i] = chunkIndex[i] * _chunkShape[i];
            extent[i] = (int)Math.Min(_chunkShape[i], _shape[i] - origin[i]);
        }
    }

    /// <summary>The position of chunk <paramref name="chunkIndex"/> in C order over the grid (0 to <see cref="ChunkCount"/> − 1).</summary>
    public long LinearIndex(ReadOnlySpan<long> chunkIndex)
    {
        long index = 0;
        for (int a = 0; a < Rank; a++)
        {
            index = (index * _gridShape[a]) + chunkIndex[a];
        }

        return index;
    }

    /// <summary>Every chunk index in C order.</summary>
    public IEnumerable<long[]> AllChunks() => ChunksIntersecting(new long[Rank], _shape);

    /// <summary>
    /// The indices, in C order, of the chunks that intersect the region of <paramref name="regionShape"/>
    /// starting at <paramref name="regionOrigin"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The region is not inside the array.</exception>
    public IEnumerable<long[]> ChunksIntersecting(long[] regionOrigin, long[] regionShape)
    {
        CheckRegion(regionOrigin, regionShape);
        return Enumerate(regionOrigin, regionShape);
    }

    /// <summary>Checks that a region lies inside the array.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The region is not inside the array.</exception>
    public void CheckRegion(ReadOnlySpan<long> regionOrigin, ReadOnlySpan<long> regionShape)
    {
        if (regionOrigin.Length != Rank || regionShape.Length != Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(regionOrigin), $"A region of an array of rank {Rank} needs {Rank} coordinates; got origin {ShapeMath.Format(regionOrigin)} and shape {ShapeMath.Format(regionShape)}.");
        }

        for (int i = 0; i < Rank; i++)
        {
            if (regionOrigin[i] < 0 || regionShape[i] < 0 || regionOrigin[i] + regionShape[i] > _shape[i])
            {
                throw new ArgumentOutOfRangeException(nameof(regionOrigin), $"Region at {ShapeMath.Format(regionOrigin)} of shape {ShapeMath.Format(regionShape)} is outside the array of shape {ShapeMath.Format<long>(_shape)} along axis {i}.");
            }
        }
    }

    private IEnumerable<long[]> Enumerate(long[] regionOrigin, long[] regionShape)
    {
        int rank = Rank;
        var first = new long[rank];
        var last = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            if (regionShape[i] == 0)
            {
                yield break;
            }

            first[i] = regionOrigin[i] / _chunkShape[i];
            last[i] = (regionOrigin[i] + regionShape[i] - 1) / _chunkShape[i];
        }

        var index = (long[])first.Clone();
        while (true)
        {
            yield return (long[])index.Clone();
            int axis = rank - 1;
            while (axis >= 0 && ++index[axis] > last[axis])
            {
                index[axis] = first[axis];
                axis--;
            }

            if (axis < 0)
            {
                yield break;
            }
        }
    }
}
