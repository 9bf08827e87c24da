using System.Text.Json.Nodes;
using Tessera.Arrays.Graph;
using Tessera.Arrays.Scheduling;
using Tessera.Buffers;
using Tessera.Tiff.Writing;

namespace Tessera.Arrays.Output;

/// <summary>
/// Streams a lazy array into a multi-page TIFF. TIFF pages must be written in order, so the array is computed in
/// blocks of whole pages (one channel and time point, the array's z chunk deep), in page order, on the local
/// scheduler; a block that finishes before the blocks ahead of it waits, holding only its admitted working set, until
/// they are written. Memory therefore stays within the scheduler's budget (one block, a read-ahead block and the
/// blocks computing at once).
/// </summary>
internal static class TiffOutput
{
    public static async Task WriteAsync(LazyArray array, string path, TiffWriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (array.Rank is not (3 or 5))
        {
            throw new ArgumentException(
                $"WriteTiffAsync writes (c, t, z, y, x) or (z, y, x) arrays; this one has {array.Rank} dimensions. Select or add axes first.", nameof(array));
        }

        var pages = new PageBlocks(array);
        long budget = options.MemoryLimit ?? MemoryBudget.DefaultBytes();
        if (pages.BlockWorkingSetBytes > budget)
        {
            // Refused before the output is touched.
            throw new MemoryBudgetException(pages.BlockWorkingSetBytes, budget);
        }

        int height = checked((int)array.Shape[^2]), width = checked((int)array.Shape[^1]);
        long pageCount = array.Shape[..^2].ToArray().Aggregate(1L, (a, b) => a * b);
        var writerOptions = new TiffWriterOptions { Compression = options.Compression, BigTiff = options.BigTiff, Metadata = Metadata(array, options) };
        using var writer = new TiffStackWriter(path, height, width, array.DataType, pageCount, writerOptions);

        var chunks = pages.Chunks.AllChunks().ToList();
        var turns = new TaskCompletionSource[chunks.Count + 1];
        for (int i = 0; i < turns.Length; i++)
        {
            turns[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        turns[0].SetResult();

        async ValueTask SinkAsync(long[] chunkIndex, INDBuffer block)
        {
            long n = pages.Chunks.LinearIndex(chunkIndex);

            // The job's own token: it is cancelled when any block fails, so blocks waiting for a failed one stop too.
            await turns[n].Task.WaitAsync(pages.JobToken).ConfigureAwait(false);
            int pageBytes = writer.PageBytes;
            var bytes = block.Bytes;
            try
            {
                for (int offset = 0; offset < bytes.Length; offset += pageBytes)
                {
                    writer.WritePage(bytes.Slice(offset, pageBytes));
                }
            }
            catch (IOException ex)
            {
                // The writer is unusable after a failed write, so a retry of the block cannot succeed: fail at once.
                throw new TiffWriteException($"Writing pages to '{writer.Path}' failed: {ex.Message}", ex);
            }

            turns[n + 1].SetResult();
        }

        await LocalScheduler.RunAsync(pages, chunks, 0, SinkAsync, options with { MemoryLimit = budget }, cancellationToken).ConfigureAwait(false);
        writer.Complete();
    }

    private static OmeTiffMetadata? Metadata(LazyArray array, TiffWriteOptions options)
    {
        if (!options.Ome)
        {
            return null;
        }

        return new OmeTiffMetadata
        {
            Axes = array.Rank == 5 ? "ctzyx" : "zyx",
            Shape = array.Shape.ToArray(),
            PhysicalSizeX = options.PhysicalSizeX,
            PhysicalSizeY = options.PhysicalSizeY,
            PhysicalSizeZ = options.PhysicalSizeZ,
            Unit = options.Unit,
            ChannelNames = options.ChannelNames,
            ImageName = options.ImageName,
        };
    }

    /// <summary>
    /// The array regrouped into blocks of whole pages: one channel and time point, as deep along z as the array's
    /// chunks, whole along y and x. Used only by the writer, never described in a plan.
    /// </summary>
    private sealed class PageBlocks(LazyArray source)
        : LazyArray(source.ShapeArray, source.DataType, PageChunks(source), [source])
    {
        private CancellationToken _jobToken;

        /// <summary>The running job's token, known once the first block has started.</summary>
        public CancellationToken JobToken => _jobToken;

        public override string NodeKind => "tiff-pages";

        internal override JsonObject Describe() => new() { ["node"] = NodeKind };

        internal override ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context)
        {
            _jobToken = context.CancellationToken;
            return source.ReadRegionAsync(origin, shape, context);
        }

        internal override long RegionWorkingSet(int[] shape) => source.RegionWorkingSet(shape);

        private static int[] PageChunks(LazyArray source)
        {
            var chunks = Array.ConvertAll(source.ShapeArray, s => (int)Math.Min(s, int.MaxValue));
            int z = source.Rank - 3;
            for (int a = 0; a < z; a++)
            {
                chunks[a] = 1;
            }

            chunks[z] = source.Chunks.ChunkShape[z];
            return chunks;
        }
    }
}
