using Tessera.Arrays.Output;
using Tessera.Arrays.Scheduling;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Shapes;

namespace Tessera.Arrays;

/// <content>Running the graph: into memory, or into a Zarr array.</content>
public abstract partial class LazyArray
{
    /// <summary>Computes the whole array into a new dense buffer (for results that fit in memory).</summary>
    /// <typeparam name="T">The array's element type.</typeparam>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the array's type, or the array is too large for one buffer.</exception>
    /// <exception cref="BlockFailedException">A block failed on every attempt.</exception>
    public async Task<NDBuffer<T>> ComputeAsync<T>(ComputeOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        if (DataType.For<T>() != DataType)
        {
            throw new ArgumentException($"The array holds {DataType.Name}; call ComputeAsync<{DataType.ClrType.Name}>() or convert with AsType first.");
        }

        if (ShapeMath.Product(Shape) > Array.MaxLength)
        {
            throw new ArgumentException($"The array {ShapeMath.Format(Shape)} is too large for one buffer; write it to Zarr with WriteZarrAsync instead.");
        }

        int[] shape = Array.ConvertAll(_shape, s => (int)s);
        var result = NDBuffer<T>.Allocate(shape, clear: false);
        try
        {
            ValueTask Sink(long[] chunkIndex, INDBuffer block)
            {
                var origin = new long[Rank];
                var extent = new int[Rank];
                Chunks.GetChunkExtent(chunkIndex, origin, extent);
                ByteRegionCopy.CopyRegion(block.Bytes, extent, new long[Rank], result.Bytes, shape, origin, extent, DataType.ItemSize);
                return ValueTask.CompletedTask;
            }

            await LocalScheduler.RunAsync(this, Chunks.AllChunks().ToList(), 0, Sink, options ?? new ComputeOptions(), cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Computes the array chunk by chunk into a Zarr v2 array in <paramref name="folder"/> (chunked like this
    /// array), as a resumable job: see <see cref="ZarrWriteOptions"/>. Every chunk is written whole; on
    /// cancellation or failure, the chunks written so far are recorded so that <see cref="WriteMode.Resume"/>
    /// finishes the job.
    /// </summary>
    /// <exception cref="OutputExistsException">The output exists and the mode does not allow it, or belongs to another job.</exception>
    /// <exception cref="MemoryBudgetException">The budget cannot hold one block.</exception>
    /// <exception cref="BlockFailedException">A block failed on every attempt.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled; the output can be resumed.</exception>
    public Task<ZarrWriteResult> WriteZarrAsync(string folder, ZarrWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        ZarrJobOutput.WriteAsync(this, folder, options ?? new ZarrWriteOptions(), cancellationToken);
}
