using System.Runtime.Intrinsics.X86;

namespace Tessera.Fft.NDim;

/// <summary>
/// The passes of an N-D transform over raw memory (the caller pins it for the duration):
/// real-to-complex rows along the last axis, and complex lines along any other axis. The
/// lambdas take addresses, not spans, because a span cannot cross into another thread.
/// </summary>
internal static unsafe class AxisPasses
{
    /// <summary>About how many floats one work item of rows touches (256 KB): a few tiles, well inside L2.</summary>
    private const int ItemFloats = 1 << 16;

    /// <summary>
    /// The most floats of one strip of a strided axis (512 KB): with its ping-pong scratch that is
    /// 1 MB, the L2 of one core here, so every radix pass of the strip runs from L2. It is also big
    /// enough that a whole (n × inner) slab of the middle axis of the usual shapes (288 × 145,
    /// 256 × 129) is one item: that halved the Y pass against 256 KB strips. 1 MB strips were 15%
    /// faster on the Z axis of 96×288×288 but 25% slower on 256³ (docs/design/fft.md).
    /// </summary>
    private const int StripFloats = 1 << 17;

    /// <summary>
    /// Real rows of length n: forward from <paramref name="real"/> to <paramref name="complex"/>,
    /// or inverse back. Rows go in tiles of <see cref="RealFftPlan.TileRows"/> (vectorised across
    /// the tile); items are whole tiles, so the tiling is the same for any thread count.
    /// </summary>
    public static void RealRows(float* real, float* complex, int rows, int n, bool inverse, int threads)
    {
        var plan = RealFftPlan.Get(n);
        const int Tile = RealFftPlan.TileRows;
        int realStride = n, complexStride = 2 * plan.SpectrumLength;
        int tilesPerItem = Math.Max(1, ItemFloats / (2 * complexStride * Tile));
        int tiles = (rows + Tile - 1) / Tile;
        int items = (tiles + tilesPerItem - 1) / tilesPerItem;
        nint r = (nint)real, c = (nint)complex;
        ParallelItems.For(items, threads, plan.TileScratchFloats(Tile), (item, scratch) =>
        {
            int endTile = Math.Min(tiles, (item + 1) * tilesPerItem);
            for (int tile = item * tilesPerItem; tile < endTile; tile++)
            {
                int first = tile * Tile, count = Math.Min(Tile, rows - first);
                if (first + Tile < rows)
                {
                    // The next tile's rows, into L2 while this tile computes (see Prefetch).
                    long next = first + Tile, nextCount = Math.Min(Tile, rows - next);
                    Prefetch((float*)r + (next * realStride), nextCount * realStride);
                    Prefetch((float*)c + (next * complexStride), nextCount * complexStride);
                }

                var realRows = new Span<float>((float*)r + ((long)first * realStride), ((count - 1) * realStride) + n);
                var complexRows = new Span<float>((float*)c + ((long)first * complexStride), count * complexStride);
                if (inverse)
                {
                    plan.InverseRows(complexRows, complexStride, realRows, realStride, count, scratch);
                }
                else
                {
                    plan.ForwardRows(realRows, realStride, complexRows, complexStride, count, scratch);
                }
            }
        });
    }

    /// <summary>
    /// Complex lines of length n along the middle axis of an (outer, n, inner) complex array, in
    /// place. With inner = 1 the lines are contiguous and grouped into items; otherwise each
    /// (outer, n, inner) slab is cut into column strips whose n × width block fits in L2 and
    /// transformed with whole-row butterflies: the first radix pass reads the strip at the slab's
    /// row pitch and the last writes it back (<see cref="ComplexFftPlan.ExecuteStrip"/>); only
    /// single-pass and Bluestein lengths gather the strip into scratch and scatter it back.
    /// </summary>
    public static void ComplexAxis(float* data, int outer, int n, int inner, bool inverse, int threads)
    {
        var plan = ComplexFftPlan.Get(n);
        nint d = (nint)data;
        if (inner == 1)
        {
            // Contiguous lines: transpose tiles of lines into (n × tile) blocks so each pass runs
            // across the tile with full vectors. Items are whole tiles, fixed by the shape.
            const int Tile = RealFftPlan.TileRows;
            int tiles = (outer + Tile - 1) / Tile;
            int tilesPerItem = Math.Max(1, ItemFloats / (2 * n * Tile));
            int items = (tiles + tilesPerItem - 1) / tilesPerItem;
            ParallelItems.For(items, threads, (2 * n * Tile) + plan.ScratchFloats(Tile), (item, scratch) =>
            {
                int endTile = Math.Min(tiles, (item + 1) * tilesPerItem);
                for (int tile = item * tilesPerItem; tile < endTile; tile++)
                {
                    int first = tile * Tile, count = Math.Min(Tile, outer - first);
                    var lines = new Span<float>((float*)d + (2L * first * n), 2 * n * count);
                    var block = scratch.AsSpan(0, 2 * n * count);
                    Transpose(lines, block, count, n);
                    plan.ExecuteCore(block, count, inverse, scratch.AsSpan(2 * n * Tile));
                    Transpose(block, lines, n, count);
                }
            });
            return;
        }

        var (strips, width) = Strips(n, inner);
        if (strips == 1)
        {
            // The whole slab is one strip: the passes read and write it in place (through two
            // scratch blocks, so that the last pass lands in the slab whatever the pass count).
            ParallelItems.For(outer, threads, (2 * n * inner) + plan.ScratchFloats(inner), (o, scratch) =>
            {
                var slab = new Span<float>((float*)d + (2L * o * n * inner), 2 * n * inner);
                if (plan.CanExecuteStrip)
                {
                    plan.ExecuteStrip(slab, 2 * inner, inner, inverse, scratch);
                }
                else
                {
                    plan.ExecuteCore(slab, inner, inverse, scratch);
                }
            });
            return;
        }

        int blockFloats = 2 * n * width;
        ParallelItems.For(outer * strips, threads, blockFloats + plan.ScratchFloats(width), (item, scratch) =>
        {
            int o = item / strips, start = item % strips * width;
            int w = Math.Min(width, inner - start);
            float* slab = (float*)d + (2L * o * n * inner);
            if (plan.CanExecuteStrip)
            {
                // Read and write the strip in place at the slab's row pitch: no gather, no scatter.
                var lines = new Span<float>(slab + (2L * start), (2 * (n - 1) * inner) + (2 * w));
                plan.ExecuteStrip(lines, 2 * inner, w, inverse, scratch);
                return;
            }

            var block = scratch.AsSpan(0, 2 * n * w);
            for (int j = 0; j < n; j++)
            {
                new Span<float>(slab + (2L * ((j * (long)inner) + start)), 2 * w).CopyTo(block.Slice(2 * j * w, 2 * w));
            }

            // The result is scattered straight from whichever buffer the last pass wrote.
            var result = plan.ExecuteAnywhere(block, w, inverse, scratch.AsSpan(blockFloats));
            for (int j = 0; j < n; j++)
            {
                result.Slice(2 * j * w, 2 * w).CopyTo(new Span<float>(slab + (2L * ((j * (long)inner) + start)), 2 * w));
            }
        });
    }

    /// <summary>
    /// Asks for <paramref name="floats"/> floats at <paramref name="start"/> to be brought into L2.
    /// A tile reads (and writes) its 16 rows in 16 interleaved runs of about 1 KB, too short for
    /// the hardware prefetcher to follow, so without this the row pass waits for memory on every
    /// tile; with it the next tile's lines arrive while this one computes (the row pass measured
    /// 5–7% faster). T1 (L2, not L1) so the tile's own block and scratch stay in L1.
    /// </summary>
    private static void Prefetch(float* start, long floats)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        for (long i = 0; i < floats; i += 16)
        {
            Sse.Prefetch1(start + i);
        }
    }

    /// <summary>Complex (rows × cols) row-major to (cols × rows).</summary>
    private static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                dst[2 * ((j * rows) + i)] = src[2 * ((i * cols) + j)];
                dst[(2 * ((j * rows) + i)) + 1] = src[(2 * ((i * cols) + j)) + 1];
            }
        }
    }

    /// <summary>
    /// How to cut <paramref name="inner"/> columns into strips of a multiple of 4 (one vector of
    /// complex numbers) with n × width near <see cref="StripFloats"/>; depends on the shape only.
    /// </summary>
    internal static (int Strips, int Width) Strips(int n, int inner)
    {
        int maxWidth = Math.Max(4, StripFloats / 2 / n);
        if (inner <= maxWidth)
        {
            return (1, inner);
        }

        int strips = (inner + maxWidth - 1) / maxWidth;
        int width = (inner + strips - 1) / strips;
        width = Math.Min(inner, (width + 3) & ~3);
        return ((inner + width - 1) / width, width);
    }
}
