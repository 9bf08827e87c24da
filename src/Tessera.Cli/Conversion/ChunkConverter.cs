using Tessera.Buffers;
using Tessera.Shapes;
using Tessera.Zarr;

namespace Tessera.Cli.Conversion;

/// <summary>
/// Re-encodes an array chunk by chunk: for every tile of output chunks (see <see cref="TilePlan"/>),
/// reads that region of the input once and stores each output chunk in it. Several tiles are processed
/// at once, each worker with its own pooled buffers, so memory is a few chunks per worker and never the
/// whole array.
/// </summary>
internal static class ChunkConverter
{
    /// <summary>Copies every element of <paramref name="input"/> into <paramref name="output"/> (same shape and data type).</summary>
    /// <param name="input">The array to read.</param>
    /// <param name="output">The array to write; its chunk grid drives the work.</param>
    /// <param name="parallelism">How many tiles to process at once.</param>
    /// <param name="chunkDone">Called after each output chunk with the bytes of array data it holds; may be called concurrently.</param>
    /// <param name="cancellationToken">Stops the work; chunks already stored stay stored.</param>
    /// <exception cref="ZarrFormatException">An input chunk is corrupt, truncated or of the wrong size.</exception>
    public static async Task<ConversionResult> RunAsync(ZarrArray input, ZarrArray output, int parallelism, Action<long>? chunkDone, CancellationToken cancellationToken)
    {
        if (!input.Shape.SequenceEqual(output.Shape) || input.DataType.Kind != output.DataType.Kind)
        {
            throw new ArgumentException($"The output {output.Location} must have the input's shape and data type.", nameof(output));
        }

        int[] perTile = TilePlan.ChunksPerTile(input.ChunkShape, output.ChunkShape, output.Shape, output.DataType.ItemSize);
        var tileShape = new int[output.Rank];
        for (int i = 0; i < tileShape.Length; i++)
        {
            tileShape[i] = perTile[i] * output.ChunkShape[i];
        }

        var tiles = new ChunkGrid(output.Shape, tileShape);
        int tileBytes = checked((int)(tiles.ChunkLength * output.DataType.ItemSize));
        var pool = new WorkerBuffers.Pool(output.ChunkByteLength, tileBytes);
        var counts = new Counts();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(tiles.AllChunks(), options, async (tile, token) =>
        {
            var buffers = pool.Rent();
            try
            {
                if (perTile.All(k => k == 1))
                {
                    await ConvertChunkAsync(input, output, tile, buffers, counts, chunkDone, token).ConfigureAwait(false);
                }
                else
                {
                    await ConvertTileAsync(input, output, tiles, tile, buffers, counts, chunkDone, token).ConfigureAwait(false);
                }
            }
            finally
            {
                pool.Return(buffers);
            }
        }).ConfigureAwait(false);

        return new ConversionResult(counts.Written, counts.Skipped, counts.Bytes);
    }

    /// <summary>One output chunk per tile: reads its region straight into the chunk buffer.</summary>
    private static async Task ConvertChunkAsync(ZarrArray input, ZarrArray output, long[] index, WorkerBuffers buffers, Counts counts, Action<long>? chunkDone, CancellationToken cancellationToken)
    {
        var (origin, extent) = Extent(output.Grid, index);
        var chunk = buffers.Chunk.AsMemory(0, output.ChunkByteLength);
        if (extent.AsSpan().SequenceEqual(output.ChunkShape))
        {
            await input.ReadRegionAsync(origin, extent, chunk, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var region = buffers.Tile.AsMemory(0, RegionBytes(extent, output));
            await input.ReadRegionAsync(origin, extent, region, cancellationToken).ConfigureAwait(false);
            PlaceInChunk(output, region.Span, extent, new long[extent.Length], extent, chunk.Span);
        }

        await StoreAsync(output, index, chunk, RegionBytes(extent, output), counts, chunkDone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Several output chunks per tile: reads the tile's region once, then cuts it into chunks.</summary>
    private static async Task ConvertTileAsync(ZarrArray input, ZarrArray output, ChunkGrid tiles, long[] tile, WorkerBuffers buffers, Counts counts, Action<long>? chunkDone, CancellationToken cancellationToken)
    {
        var (tileOrigin, tileExtent) = Extent(tiles, tile);
        var region = buffers.Tile.AsMemory(0, RegionBytes(tileExtent, output));
        await input.ReadRegionAsync(tileOrigin, tileExtent, region, cancellationToken).ConfigureAwait(false);
        var chunk = buffers.Chunk.AsMemory(0, output.ChunkByteLength);
        foreach (long[] index in output.Grid.ChunksIntersecting(tileOrigin, Array.ConvertAll(tileExtent, e => (long)e)))
        {
            var (origin, extent) = Extent(output.Grid, index);
            var inTile = new long[origin.Length];
            for (int i = 0; i < inTile.Length; i++)
            {
                inTile[i] = origin[i] - tileOrigin[i];
            }

            PlaceInChunk(output, region.Span, tileExtent, inTile, extent, chunk.Span);
            await StoreAsync(output, index, chunk, RegionBytes(extent, output), counts, chunkDone, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies the part of <paramref name="region"/> at <paramref name="offset"/> into a whole chunk, padding it with the fill value.</summary>
    private static void PlaceInChunk(ZarrArray output, ReadOnlySpan<byte> region, int[] regionShape, long[] offset, int[] extent, Span<byte> chunk)
    {
        if (!extent.AsSpan().SequenceEqual(output.ChunkShape))
        {
            // An edge chunk: the part outside the array holds the fill value, as zarr-python writes it.
            output.Fill(chunk);
        }

        ByteRegionCopy.CopyRegion(region, regionShape, offset, chunk, output.ChunkShape, new long[extent.Length], extent, output.DataType.ItemSize);
    }

    private static async Task StoreAsync(ZarrArray output, long[] index, ReadOnlyMemory<byte> chunk, long regionBytes, Counts counts, Action<long>? chunkDone, CancellationToken cancellationToken)
    {
        // Like zarr-python's write_empty_chunks=False: a chunk of only the fill value reads the same
        // when absent. Not with an undefined fill value, which readers may fill with anything.
        if (output.HasDefinedFill && FillCheck.IsAllFill(chunk.Span, output.FillElement))
        {
            Interlocked.Increment(ref counts.Skipped);
        }
        else
        {
            await output.WriteChunkAsync(index, chunk, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref counts.Written);
        }

        Interlocked.Add(ref counts.Bytes, regionBytes);
        chunkDone?.Invoke(regionBytes);
    }

    private static (long[] Origin, int[] Extent) Extent(ChunkGrid grid, long[] index)
    {
        var origin = new long[grid.Rank];
        var extent = new int[grid.Rank];
        grid.GetChunkExtent(index, origin, extent);
        return (origin, extent);
    }

    private static int RegionBytes(int[] extent, ZarrArray output) => checked((int)ShapeMath.Product(extent) * output.DataType.ItemSize);

    /// <summary>Totals updated by concurrent workers.</summary>
    private sealed class Counts
    {
        public long Written;
        public long Skipped;
        public long Bytes;
    }
}
