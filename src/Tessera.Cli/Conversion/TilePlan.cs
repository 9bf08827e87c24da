using Tessera.Shapes;

namespace Tessera.Cli.Conversion;

/// <summary>
/// Groups output chunks into tiles that one worker converts together. When output chunks are smaller
/// than input chunks, a tile spans about one input chunk, so each input chunk is decoded once rather
/// than once per output chunk inside it (128 times for (64,256,256) → (8,64,64)).
/// </summary>
internal static class TilePlan
{
    /// <summary>A tile may hold at most this many times the larger of an input and an output chunk.</summary>
    private const int MaxTileInChunks = 8;

    /// <summary>The number of output chunks along each axis of one tile (all ones: a tile is one output chunk).</summary>
    /// <param name="inputChunks">The input's chunk shape.</param>
    /// <param name="outputChunks">The output's chunk shape.</param>
    /// <param name="shape">The array's shape.</param>
    /// <param name="itemSize">The bytes of one element.</param>
    public static int[] ChunksPerTile(ReadOnlySpan<int> inputChunks, ReadOnlySpan<int> outputChunks, ReadOnlySpan<long> shape, int itemSize)
    {
        int rank = outputChunks.Length;
        var perTile = new int[rank];
        var tileShape = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long gridSize = Math.Max(1, (shape[i] + outputChunks[i] - 1) / outputChunks[i]);
            long wanted = (inputChunks[i] + outputChunks[i] - 1) / outputChunks[i];
            perTile[i] = (int)Math.Clamp(wanted, 1, gridSize);
            tileShape[i] = (long)perTile[i] * outputChunks[i];
        }

        long tileBytes = ShapeMath.Product(tileShape) * itemSize;
        long largestChunk = Math.Max(ShapeMath.Product(inputChunks), ShapeMath.Product(outputChunks)) * itemSize;
        if (tileBytes > Math.Min((long)MaxTileInChunks * largestChunk, Array.MaxLength))
        {
            perTile.AsSpan().Fill(1);
        }

        return perTile;
    }
}
