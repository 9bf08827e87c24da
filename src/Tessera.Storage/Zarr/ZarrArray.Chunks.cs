using Tessera.Shapes;
using Tessera.Stores;

namespace Tessera.Zarr;

/// <content>Reading and writing whole chunks: keys, decoding and encoding.</content>
public sealed partial class ZarrArray
{
    /// <summary>
    /// The store key of chunk <paramref name="chunkIndex"/>: e.g. <c>0.1.2</c> (v2) or <c>c/0/1/2</c> (v3's
    /// default encoding), below the array's path.
    /// </summary>
    public string ChunkKey(ReadOnlySpan<long> chunkIndex) => StoreKey.Join(Path, _format.ChunkKey(chunkIndex));

    /// <summary>
    /// Whether <paramref name="relativeKey"/> (a key below the array's path) is the key of a chunk inside the
    /// grid, as <see cref="ChunkKey"/> spells it; <paramref name="chunkIndex"/> receives its index.
    /// </summary>
    public bool TryParseChunkKey(string relativeKey, out long[] chunkIndex)
    {
        ArgumentNullException.ThrowIfNull(relativeKey);
        chunkIndex = new long[Rank];
        if (Rank == 0)
        {
            return _format.ChunkKey(chunkIndex) == relativeKey;
        }

        int axis = 0;
        for (int i = 0; i < relativeKey.Length; i++)
        {
            if (!char.IsAsciiDigit(relativeKey[i]) || (i > 0 && char.IsAsciiDigit(relativeKey[i - 1])))
            {
                continue;
            }

            int end = i;
            while (end < relativeKey.Length && char.IsAsciiDigit(relativeKey[end]))
            {
                end++;
            }

            if (axis == Rank || !long.TryParse(relativeKey.AsSpan(i, end - i), out chunkIndex[axis]) || chunkIndex[axis] >= Grid.GridShape[axis])
            {
                return false;
            }

            axis++;
        }

        return axis == Rank && _format.ChunkKey(chunkIndex) == relativeKey;
    }

    /// <summary>
    /// Reads chunk <paramref name="chunkIndex"/> into <paramref name="destination"/> (at least
    /// <see cref="ChunkByteLength"/> bytes) as C-order elements in the machine's byte order. A chunk that
    /// was never written is filled with the fill value; the result says whether it existed. For a sharded
    /// array this reads the whole shard.
    /// </summary>
    /// <exception cref="ZarrFormatException">
    /// The stored chunk is corrupt, truncated or of the wrong size; or the array's shards are larger than one buffer
    /// (<see cref="WholeChunksFit"/> is false; read regions instead).
    /// </exception>
    public async ValueTask<bool> ReadChunkAsync(long[] chunkIndex, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        CheckChunkIndex(chunkIndex);
        string key = ChunkKey(chunkIndex);
        if (!WholeChunksFit)
        {
            throw WholeChunksTooLarge(key);
        }

        var target = destination[..ChunkByteLength];
        using var stored = await Store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            _format.Fill(target.Span);
            return false;
        }

        _format.Decode(stored.Span, target.Span, $"'{key}' of {Location} (file '{Store.Describe(key)}')", Store.Describe(key));
        return true;
    }

    /// <summary>
    /// Encodes and stores chunk <paramref name="chunkIndex"/> from <paramref name="chunk"/>: a whole chunk
    /// (<see cref="ChunkByteLength"/> bytes) of C-order elements in the machine's byte order. The value is
    /// stored whole, in one write (atomic where the store's writes are).
    /// </summary>
    /// <exception cref="ZarrFormatException">The array's shards are larger than one buffer (<see cref="WholeChunksFit"/> is false), so it is read-only in Tessera.</exception>
    public async ValueTask WriteChunkAsync(long[] chunkIndex, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        CheckChunkIndex(chunkIndex);
        if (!WholeChunksFit)
        {
            throw WholeChunksTooLarge(ChunkKey(chunkIndex));
        }

        if (chunk.Length < ChunkByteLength)
        {
            throw new ArgumentException($"A chunk of {Location} needs {ChunkByteLength} bytes; got {chunk.Length}.", nameof(chunk));
        }

        using var encoded = _format.Encode(chunk.Span[..ChunkByteLength]);
        await Store.SetAsync(ChunkKey(chunkIndex), encoded.Memory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Encodes and stores a whole chunk whose bytes are gathered from a region (see <see cref="RegionChunkBytes"/>).</summary>
    private async ValueTask WriteGatheredChunkAsync(long[] chunkIndex, Codecs.IGatheredBytes chunk, CancellationToken cancellationToken)
    {
        using var encoded = _format.Encode(chunk);
        await Store.SetAsync(ChunkKey(chunkIndex), encoded.Memory, cancellationToken).ConfigureAwait(false);
    }

    private void CheckChunkIndex(ReadOnlySpan<long> chunkIndex)
    {
        bool valid = chunkIndex.Length == Rank;
        for (int i = 0; valid && i < Rank; i++)
        {
            valid = chunkIndex[i] >= 0 && chunkIndex[i] < Grid.GridShape[i];
        }

        if (!valid)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkIndex), $"Chunk index {ShapeMath.Format(chunkIndex)} is outside the chunk grid {ShapeMath.Format(Grid.GridShape)} of {Location}.");
        }
    }
}
