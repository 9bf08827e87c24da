using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tessera.Arrays.Output;
using Tessera.Arrays.Scheduling;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Stores;

namespace Tessera.Arrays.Tests.Scheduling;

public sealed class LocalSchedulerTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void Choose_TwoCoresManyBlocksAmpleMemory_TwoBlocksOfOneThread()
    {
        var plan = ConcurrencyPlan.Choose(cores: 2, blockCount: 100, blockWorkingSet: 10 * MiB, memoryLimit: 1024 * MiB, new ComputeOptions());

        Assert.Equal(new ConcurrencyPlan(2, 1, 10 * MiB, 1024 * MiB, 1), plan);
    }

    [Fact]
    public void Choose_BudgetForOneBlock_OneBlockUsingEveryCore()
    {
        var plan = ConcurrencyPlan.Choose(cores: 2, blockCount: 100, blockWorkingSet: 10 * MiB, memoryLimit: 15 * MiB, new ComputeOptions());

        Assert.Equal(1, plan.ParallelBlocks);
        Assert.Equal(2, plan.ThreadsPerBlock);
    }

    [Theory]
    [InlineData(16, 100, 1000, null, null, 16, 1)] // cores bound
    [InlineData(16, 100, 45, null, null, 4, 4)] // memory bound: 45 / 10 = 4 blocks
    [InlineData(16, 3, 1000, null, null, 3, 5)] // block-count bound
    [InlineData(16, 100, 1000, 4, null, 4, 4)] // MaxParallelBlocks
    [InlineData(2, 100, 1000, 1, null, 1, 2)]
    [InlineData(16, 100, 1000, 2, 3, 2, 3)] // ThreadsPerBlock override
    [InlineData(1, 0, 1000, null, null, 1, 1)] // nothing to do still plans one block
    public void Choose_BoundsBlocksByCoresBlocksMemoryAndOptions(int cores, long blocks, long limitMiB, int? maxBlocks, int? threads, int expectedBlocks, int expectedThreads)
    {
        var plan = ConcurrencyPlan.Choose(cores, blocks, 10 * MiB, limitMiB * MiB, new ComputeOptions { MaxParallelBlocks = maxBlocks, ThreadsPerBlock = threads, ReadAhead = 2 });

        Assert.Equal(expectedBlocks, plan.ParallelBlocks);
        Assert.Equal(expectedThreads, plan.ThreadsPerBlock);
        Assert.Equal(2, plan.ReadAhead);
    }

    [Fact]
    public void Choose_WorkingSetOverBudgetFailsNamingTheBytesNeeded()
    {
        var error = Assert.Throws<MemoryBudgetException>(() => ConcurrencyPlan.Choose(2, 10, 3 * MiB, 2 * MiB, new ComputeOptions()));

        Assert.Equal(3 * MiB, error.BlockBytes);
        Assert.Equal(2 * MiB, error.BudgetBytes);
        Assert.Contains("budget of 2 MiB is too small: one block needs 3 MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 3 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_BlockWithAnIOErrorIsRetried()
    {
        var source = await SourceAsync();
        var attempts = new ConcurrentDictionary<string, int>();
        var lazy = Doubled(source, key =>
        {
            if (key.EndsWith("@1,2,0,0", StringComparison.Ordinal) && attempts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
            {
                throw new IOException("transient failure");
            }
        });

        using var result = await lazy.ComputeAsync<float>(new ComputeOptions { Retries = 1 });
        using var expected = await source.ComputeAsync<float>();

        Assert.Equal(2, Assert.Single(attempts).Value);
        Assert.Equal(expected.Span.ToArray().Select(v => 2 * v).ToArray(), result.Span.ToArray());
    }

    [Fact]
    public async Task Compute_BlockThatAlwaysFailsWithIOErrorsStopsTheJobNamingTheChunkAndCause()
    {
        var source = await SourceAsync();
        int attempts = 0;
        var lazy = Doubled(source, key =>
        {
            if (key.EndsWith("@1,2,0,0", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref attempts);
                throw new IOException("the detector is on fire");
            }
        });

        var error = await Assert.ThrowsAsync<BlockFailedException>(() => lazy.ComputeAsync<float>(new ComputeOptions { Retries = 2 }));

        Assert.Equal(3, attempts);
        Assert.Equal(3, error.Attempts);
        Assert.Equal([1L, 2L, 0L, 0L], error.ChunkIndex);
        Assert.Equal(lazy.BlockKey([1, 2, 0, 0]), error.Key);
        Assert.Equal("the detector is on fire", Assert.IsType<IOException>(error.InnerException).Message);
        Assert.Contains("Block (1, 2, 0, 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed after 3 attempt(s): the detector is on fire", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_BlockWithAnErrorThatRecursIsNotRetried()
    {
        var source = await SourceAsync();
        int attempts = 0;
        var lazy = Doubled(source, key =>
        {
            if (key.EndsWith("@0,1,0,0", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref attempts);
                throw new ArgumentException("the PSF sums to NaN");
            }
        });

        var error = await Assert.ThrowsAsync<BlockFailedException>(() => lazy.ComputeAsync<float>(new ComputeOptions { Retries = 3 }));

        Assert.Equal(1, attempts);
        Assert.Equal(1, error.Attempts);
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public async Task WriteZarr_BudgetBelowOneBlockFailsWithoutCreatingTheOutput()
    {
        using var folder = new TempDirectory();
        var lazy = (await SourceAsync()).MapBlocks(new ScaleOperation(2));
        string output = folder.Combine("out");

        var error = await Assert.ThrowsAsync<MemoryBudgetException>(() => lazy.WriteZarrAsync(output, new ZarrWriteOptions { MemoryLimit = lazy.BlockWorkingSetBytes - 1 }));

        Assert.Equal(lazy.BlockWorkingSetBytes, error.BlockBytes);
        Assert.False(Directory.Exists(output));
        await Assert.ThrowsAsync<MemoryBudgetException>(() => lazy.ComputeAsync<float>(new ComputeOptions { MemoryLimit = lazy.BlockWorkingSetBytes / 2 }));
    }

    [Fact]
    public async Task WriteZarr_ProgressReachesTheTotalAndAdmittedBytesStayWithinBudget()
    {
        using var folder = new TempDirectory();
        var source = await SourceAsync();
        int running = 0, mostRunning = 0;
        var lazy = Doubled(source, _ =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostRunning, now);
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
        });
        long budget = (lazy.BlockWorkingSetBytes * 5) / 2;
        var progress = new SyncProgress();
        ConcurrencyPlan? announced = null;

        var result = await lazy.WriteZarrAsync(folder.Combine("out"), new ZarrWriteOptions
        {
            MemoryLimit = budget,
            Progress = progress,
            OnPlan = p => announced = p,
            Job = new JsonObject { ["test"] = "progress" },
        });

        var reports = progress.Reports;
        Assert.Equal(0, reports[0].BlocksDone);
        Assert.All(reports, r => Assert.Equal(6, r.BlocksTotal));
        Assert.All(reports, r => Assert.InRange(r.BytesInUse, 0, budget));
        Assert.Equal(6, reports.Max(r => r.BlocksDone));
        Assert.Equal(6 * 4 * 4, reports.Max(r => r.VoxelsDone));
        Assert.Equal(7, reports.Count);
        Assert.Equal(6, result.ChunksWritten);
        Assert.Same(announced, result.Plan);
        Assert.InRange(result.PeakAdmittedBytes, lazy.BlockWorkingSetBytes, budget);
        Assert.InRange(mostRunning, 1, result.Plan!.ParallelBlocks);
        using var written = await TestArrays.ReadAllAsync<float>(folder.Combine("out"));
        using var expected = await source.ComputeAsync<float>();
        Assert.Equal(expected.Span.ToArray().Select(v => 2 * v).ToArray(), written.Span.ToArray());
    }

    [Fact]
    public async Task Compute_CancelledJobThrowsOperationCanceled()
    {
        var source = await SourceAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.BlocksDone == 2)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Doubled(source, _ => { }).ComputeAsync<float>(new ComputeOptions { Progress = progress }, cancel.Token));

        Assert.True(progress.Reports.Max(r => r.BlocksDone) < 6);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>A (2,3,4,4) float32 array in (1,1,4,4) chunks: 6 blocks.</summary>
    private static async Task<LazyArray> SourceAsync()
    {
        using var data = TestArrays.RandomFloat([2, 3, 4, 4], seed: 17);
        return LazyArray.FromZarr(await TestArrays.WriteAsync(new MemoryStore(), data, [1, 1, 4, 4]));
    }

    /// <summary>Doubles each (y,x) block after calling <paramref name="onBlock"/> with the block's input key.</summary>
    private static LazyArray Doubled(LazyArray source, Action<string> onBlock) =>
        LazyArray.MapBlocks("(y,x)->(y,x)", DataType.For<float>(), (inputs, context) =>
        {
            onBlock(context.InputKeys[0]);
            var input = (NDBuffer<float>)inputs[0];
            var output = NDBuffer<float>.Allocate(input.Shape);
            for (int i = 0; i < input.Length; i++)
            {
                output.Span[i] = 2 * input.Span[i];
            }

            return output;
        }, [source]);
}
