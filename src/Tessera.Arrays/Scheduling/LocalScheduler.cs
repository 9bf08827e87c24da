using System.Diagnostics;
using Tessera.Arrays.Graph;
using Tessera.Buffers;
using Tessera.Shapes;

namespace Tessera.Arrays.Scheduling;

/// <summary>
/// Runs the blocks of a lazy array on this machine's cores. Each block is admitted only while the
/// declared working sets of the admitted blocks stay within the memory budget; admitted blocks read their
/// inputs at once, wait for one of the compute slots, then hand their result to the sink (a store write)
/// after freeing the slot, so reading ahead and writing behind overlap compute. A failing block is retried;
/// when it keeps failing, or the job is cancelled, no new block starts, the blocks in flight finish their
/// writes (every written chunk is whole), and the error or cancellation is raised.
/// </summary>
internal static class LocalScheduler
{
    /// <summary>Receives a computed block; the scheduler disposes it afterwards.</summary>
    public delegate ValueTask BlockSink(long[] chunkIndex, INDBuffer block);

    /// <summary>Computes the blocks of <paramref name="target"/> at <paramref name="chunks"/> and gives each to <paramref name="sink"/>.</summary>
    /// <param name="target">The array to compute.</param>
    /// <param name="chunks">The chunk indices to compute, in order.</param>
    /// <param name="skipped">Blocks left out because they are complete already (for progress).</param>
    /// <param name="sink">Stores each block; it runs outside the compute slots and is not cancelled mid-write.</param>
    /// <param name="options">Budget, concurrency, retries and progress.</param>
    /// <param name="cancellationToken">Stops the job cleanly.</param>
    /// <returns>The plan used and the peak admitted bytes.</returns>
    /// <exception cref="MemoryBudgetException">The budget cannot hold one block.</exception>
    /// <exception cref="BlockFailedException">A block failed on every attempt.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public static async Task<(ConcurrencyPlan Plan, long PeakBytes)> RunAsync(
        LazyArray target, IReadOnlyList<long[]> chunks, long skipped, BlockSink sink, ComputeOptions options, CancellationToken cancellationToken)
    {
        long budget = options.MemoryLimit ?? MemoryBudget.DefaultBytes();
        int[] fullChunk = target.Chunks.ChunkShape.ToArray();
        long blockBytes = target.RegionWorkingSet(fullChunk);
        var plan = ConcurrencyPlan.Choose(Environment.ProcessorCount, chunks.Count, blockBytes, budget, options);
        options.OnPlan?.Invoke(plan);

        var memory = new MemoryGate(budget);
        using var computeGate = new SemaphoreSlim(plan.ParallelBlocks);
        using var inFlight = new SemaphoreSlim(plan.ParallelBlocks + plan.ReadAhead);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var context = new RegionContext(plan.ThreadsPerBlock, computeGate, stop.Token);
        var clock = Stopwatch.StartNew();
        long done = 0, voxels = 0;
        Exception? failure = null;

        void Report() => options.Progress?.Report(new ComputeProgress(Interlocked.Read(ref done), chunks.Count, skipped, Interlocked.Read(ref voxels), clock.Elapsed, memory.InUse));

        async Task RunBlockAsync(long[] chunkIndex, long bytes)
        {
            try
            {
                var origin = new long[target.Rank];
                var extent = new int[target.Rank];
                target.Chunks.GetChunkExtent(chunkIndex, origin, extent);
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        using (var block = await target.ReadRegionAsync(origin, extent, context).ConfigureAwait(false))
                        {
                            await sink(chunkIndex, block).ConfigureAwait(false);
                        }

                        break;
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception ex) when (attempt <= options.Retries && IsTransient(ex))
                    {
                        Trace.TraceWarning($"Block {target.BlockKey(chunkIndex)} failed (attempt {attempt}); retrying: {ex.Message}");
                    }
                    catch (Exception ex)
                    {
                        Interlocked.CompareExchange(ref failure, new BlockFailedException(target.BlockKey(chunkIndex), chunkIndex, attempt, ex), null);
                        await stop.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }

                Interlocked.Increment(ref done);
                Interlocked.Add(ref voxels, ShapeMath.Product(extent));
                Report();
            }
            catch (Exception ex)
            {
                // Not the block's work (that is handled above) but the bookkeeping around it, such as a
                // progress callback that throws: the job stops with that error.
                Interlocked.CompareExchange(ref failure, ex, null);
                await stop.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                memory.Release(bytes);
                inFlight.Release();
            }
        }

        Report();
        var running = new List<Task>();
        try
        {
            foreach (long[] chunkIndex in chunks)
            {
                await inFlight.WaitAsync(stop.Token).ConfigureAwait(false);
                var origin = new long[target.Rank];
                var extent = new int[target.Rank];
                target.Chunks.GetChunkExtent(chunkIndex, origin, extent);
                long bytes = target.RegionWorkingSet(extent);
                try
                {
                    await memory.AcquireAsync(bytes, stop.Token).ConfigureAwait(false);
                }
                catch
                {
                    inFlight.Release();
                    throw;
                }

                running.Add(Task.Run(() => RunBlockAsync(chunkIndex, bytes), CancellationToken.None));
                running.RemoveAll(t => t.IsCompletedSuccessfully);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stop admitting; the blocks in flight finish below.
        }
        finally
        {
            // Whatever stopped admission, the blocks in flight finish their writes before the gates go.
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return (plan, memory.Peak);
    }

    /// <summary>
    /// Whether another attempt may succeed: I/O errors (a busy disk, a network store). Bad input and bugs
    /// (argument, format and other errors) fail the same way every time, so they are not retried.
    /// </summary>
    private static bool IsTransient(Exception exception) =>
        exception is (IOException and not (FileNotFoundException or DirectoryNotFoundException or EndOfStreamException)) or TimeoutException;
}
