using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Tessera.Arrays.Output;
using Tessera.Arrays.Scheduling;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Stores;
using Tessera.Zarr;
using Xunit.Abstractions;

namespace Tessera.Arrays.Tests.Scheduling;

/// <summary>Tests that measure the process's memory run alone, after every parallel test.</summary>
[CollectionDefinition(nameof(MemorySensitive), DisableParallelization = true)]
public sealed class MemorySensitive;

[Collection(nameof(MemorySensitive))]
public sealed class MemoryBudgetTests(ITestOutputHelper output)
{
    private const long MiB = 1L << 20;

    // What the process may grow by beyond the admitted working sets: thread-pool threads started by
    // the job (stacks touched, not reserved: well under 1 MiB each), the GC's own bookkeeping and the
    // allocation contexts of those threads, small arrays in ArrayPool's per-thread slots, and the LOH
    // growing in segment-sized steps. Large arrays come from BufferPool, which strands none per thread
    // (with ArrayPool.Shared the growth here was 77-102 MiB for a 72 MiB budget; now 43-58 MiB).
    // JIT is excluded by a warm-up run. The bound is about a third of the budget.
    private const long Slack = 24 * MiB;

    private static readonly int[] Shape = [4, 16, 64, 128, 128];
    private static readonly int[] Chunk = [1, 1, 64, 128, 128];

    [Theory]
    [InlineData("512M", 512 * MiB)]
    [InlineData("4G", 4L << 30)]
    [InlineData("4g", 4L << 30)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData(" 2 GB ", 2L << 30)]
    [InlineData("64k", 64L << 10)]
    [InlineData("1T", 1L << 40)]
    [InlineData("1000", 1000)]
    [InlineData("1000B", 1000)]
    public void Parse_ReadsSizesInPowersOf1024(string text, long expected) => Assert.Equal(expected, MemoryBudget.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("G")]
    [InlineData("abc")]
    [InlineData("-5M")]
    [InlineData("0")]
    [InlineData("1.5X")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("4 G G")]
    public void Parse_RefusesWhatIsNotAPositiveSize(string text)
    {
        var error = Assert.Throws<FormatException>(() => MemoryBudget.Parse(text));

        Assert.Contains($"'{text}' is not a memory size", error.Message, StringComparison.Ordinal);
        Assert.Contains("512M", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_UsesMebibytesAndGibibytes()
    {
        Assert.Equal("3 MiB", MemoryBudget.Format(3 * MiB));
        Assert.Equal("1.5 MiB", MemoryBudget.Format(3 * MiB / 2));
        Assert.Equal("1.5 GiB", MemoryBudget.Format(3L << 29));
        Assert.InRange(MemoryBudget.DefaultBytes(), 1, MemoryBudget.AvailableBytes());
    }

    [Fact]
    public async Task WriteZarr_DataSetManyTimesTheBudgetKeepsTheProcessWithinIt()
    {
        Assert.True(File.Exists("/proc/self/statm"), "This test reads the resident set from Linux's /proc/self/statm.");
        using var folder = new TempDirectory();
        string source = folder.Combine("in");
        await WriteSourceAsync(source);
        var lazy = (await LazyArray.OpenZarrAsync(source)).AsType<float>().MapBlocks(new ScaleOperation(0.5));
        long budget = 4 * lazy.BlockWorkingSetBytes;
        long dataBytes = (ShapeBytes(2) + ShapeBytes(4));
        Assert.True(dataBytes >= 4 * budget, $"the data ({dataBytes} bytes) should dwarf the budget ({budget} bytes)");

        // Warm up the same code on a tiny array, so that JIT and first-use statics are not counted as the
        // job's memory, while ArrayPool holds no chunk-sized buffers yet (those are the job's to account for).
        using (var tiny = NDBuffer<ushort>.Allocate([1, 2, 4, 8, 8]))
        {
            var warmUp = LazyArray.FromZarr(await TestArrays.WriteAsync(folder.Combine("tiny"), tiny, [1, 1, 4, 8, 8])).AsType<float>().MapBlocks(new ScaleOperation(0.5));
            await warmUp.WriteZarrAsync(folder.Combine("warm-up"), new ZarrWriteOptions { MemoryLimit = budget, Job = [] });
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        long rssBefore = ResidentBytes(), heapBefore = GC.GetTotalMemory(false), committedBefore = GC.GetGCMemoryInfo().TotalCommittedBytes;
        long rssPeak = rssBefore, heapPeak = heapBefore, committedPeak = committedBefore;
        int samples = 0;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                rssPeak = Math.Max(rssPeak, ResidentBytes());
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                committedPeak = Math.Max(committedPeak, GC.GetGCMemoryInfo().TotalCommittedBytes);
                samples++;
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        sampler.Start();
        ZarrWriteResult result;
        try
        {
            result = await lazy.WriteZarrAsync(folder.Combine("out"), new ZarrWriteOptions { MemoryLimit = budget, Job = [] });
        }
        finally
        {
            await stop.CancelAsync();
            sampler.Join();
        }

        long growth = rssPeak - rssBefore;
        long allocatedPerBlock = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / result.ChunksWritten;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            data {dataBytes / MiB} MiB in {result.ChunksTotal} blocks, block working set {lazy.BlockWorkingSetBytes / (double)MiB:0.0} MiB,
            budget {budget / (double)MiB:0.0} MiB, plan {result.Plan}, peak admitted {result.PeakAdmittedBytes / (double)MiB:0.0} MiB,
            RSS before {rssBefore / (double)MiB:0.0} MiB, peak {rssPeak / (double)MiB:0.0} MiB, growth {growth / (double)MiB:0.0} MiB (limit {(budget + Slack) / (double)MiB:0.0}),
            GC heap before {heapBefore / (double)MiB:0.0} MiB, peak {heapPeak / (double)MiB:0.0} MiB; GC committed (as of the last GC) before {committedBefore / (double)MiB:0.0} MiB, peak {committedPeak / (double)MiB:0.0} MiB,
            managed allocation {allocatedPerBlock / (double)MiB:0.00} MiB per block (new arrays, ArrayPool misses included), {samples} samples in {clock.ElapsedMilliseconds} ms
            """));

        Assert.Equal(64, result.ChunksWritten);
        Assert.InRange(result.PeakAdmittedBytes, lazy.BlockWorkingSetBytes, budget);
        Assert.True(samples > 20, $"only {samples} samples were taken");
        Assert.True(growth <= budget + Slack, $"the resident set grew by {growth / MiB} MiB under a budget of {budget / MiB} MiB (+{Slack / MiB} MiB slack)");
        await CheckOutputAsync(folder.Combine("out"));
    }

    private static long ShapeBytes(int itemSize) => Shape.Aggregate((long)itemSize, (p, s) => p * s);

    private static long ResidentBytes()
    {
        string statm = File.ReadAllText("/proc/self/statm");
        return long.Parse(statm.Split(' ')[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    private static ushort Value(int c, int t, int z, int y, int x) => (ushort)(((c * 7919) + (t * 1031) + (z * 31) + (y * 131) + (x * 17) + ((x * y) % 251)) & 0xFFF);

    private static async Task WriteSourceAsync(string path)
    {
        var metadata = new ZarrV2Metadata
        {
            Shape = Shape.Select(s => (long)s).ToArray(),
            Chunks = Chunk,
            DataType = DataType.For<ushort>(),
            FillValue = FillValue.Zero(DataType.For<ushort>()),
        };
        var array = await ZarrArray.CreateAsync(new FileSystemStore(path), "", metadata);
        using var chunk = NDBuffer<ushort>.Allocate(Chunk);
        for (int c = 0; c < Shape[0]; c++)
        {
            for (int t = 0; t < Shape[1]; t++)
            {
                Fill(chunk, (z, y, x) => Value(c, t, z, y, x));
                await array.WriteRegionAsync([c, t, 0, 0, 0], chunk);
            }
        }
    }

    private static async Task CheckOutputAsync(string path)
    {
        var array = await ZarrArray.OpenAsync(path);
        Assert.Equal(DataType.For<float>(), array.DataType.AsNative());
        using var chunk = NDBuffer<float>.Allocate(Chunk);
        using var expected = NDBuffer<float>.Allocate(Chunk);
        for (int c = 0; c < Shape[0]; c++)
        {
            for (int t = 0; t < Shape[1]; t++)
            {
                Assert.True(await array.ReadChunkAsync([c, t, 0, 0, 0], chunk.ByteMemory), $"chunk ({c}, {t}) is missing");
                Fill(expected, (z, y, x) => Value(c, t, z, y, x) * 0.5f);
                Assert.True(expected.Span.SequenceEqual(chunk.Span), $"chunk ({c}, {t}) differs");
            }
        }
    }

    private static void Fill<T>(NDBuffer<T> chunk, Func<int, int, int, T> value)
        where T : unmanaged
    {
        var span = chunk.Span;
        int i = 0;
        for (int z = 0; z < Chunk[2]; z++)
        {
            for (int y = 0; y < Chunk[3]; y++)
            {
                for (int x = 0; x < Chunk[4]; x++)
                {
                    span[i++] = value(z, y, x);
                }
            }
        }
    }
}
