using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Tessera.Arrays.Plans;
using Tessera.Arrays.Scheduling;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Arrays.Output;

/// <summary>
/// Writes a lazy array into a Zarr v2 or v3 array as a resumable job. The output's attributes hold, under
/// <c>tessera</c>, the job's parameters, the Tessera version, whether the job is complete and which chunks
/// are (recorded after each chunk's atomic write, at most every <see cref="FlushInterval"/> and at the end).
/// A resumed run checks the parameters and the array's shape, type and chunks, then computes only the rest.
/// </summary>
internal static class ZarrJobOutput
{
    public const string AttributeKey = "tessera";

    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    public static string Version { get; } =
        typeof(ZarrJobOutput).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<ZarrWriteResult> WriteAsync(LazyArray array, string folder, ZarrWriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var clock = Stopwatch.StartNew();
        var job = new JsonObject
        {
            ["parameters"] = options.Job?.DeepClone() ?? LazyPlan.ToJson(array),
            ["output"] = OutputLayout.Describe(array, options),
            ["version"] = Version,
        };
        folder = Path.GetFullPath(folder);
        long budget = options.MemoryLimit ?? MemoryBudget.DefaultBytes();
        if (array.BlockWorkingSetBytes > budget)
        {
            // Refused before the output is touched.
            throw new MemoryBudgetException(array.BlockWorkingSetBytes, budget);
        }

        options = options with { MemoryLimit = budget };
        var (output, record) = await OpenOrCreateAsync(array, folder, job, options, cancellationToken).ConfigureAwait(false);
        var pending = new List<long[]>();
        long linear = 0;
        foreach (long[] chunk in array.Chunks.AllChunks())
        {
            if (!record.IsComplete(linear++))
            {
                pending.Add(chunk);
            }
        }

        long skipped = record.Count;
        if (pending.Count == 0)
        {
            await WriteRecordAsync(output, job, record, CancellationToken.None).ConfigureAwait(false);
            return new ZarrWriteResult(folder, 0, skipped, record.Total, clock.Elapsed, null, 0);
        }

        using var flushLock = new SemaphoreSlim(1);
        var lastFlush = Stopwatch.StartNew();

        async ValueTask SinkAsync(long[] chunkIndex, Buffers.INDBuffer block)
        {
            var origin = new long[array.Rank];
            var extent = new int[array.Rank];
            array.Chunks.GetChunkExtent(chunkIndex, origin, extent);

            // Not cancelled mid-way: the store writes each chunk atomically, and a chunk begun is finished.
            await output.WriteRegionAsync(origin, extent, block.ByteMemory, CancellationToken.None).ConfigureAwait(false);
            record.Mark(array.Chunks.LinearIndex(chunkIndex));
            if (lastFlush.Elapsed >= FlushInterval && await flushLock.WaitAsync(0, CancellationToken.None).ConfigureAwait(false))
            {
                try
                {
                    lastFlush.Restart();
                    await WriteRecordAsync(output, job, record, CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    flushLock.Release();
                }
            }
        }

        try
        {
            var (plan, peak) = await LocalScheduler.RunAsync(array, pending, skipped, SinkAsync, options, cancellationToken).ConfigureAwait(false);
            return new ZarrWriteResult(folder, record.Count - skipped, skipped, record.Total, clock.Elapsed, plan, peak);
        }
        finally
        {
            await flushLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            await WriteRecordAsync(output, job, record, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<(ZarrArray Output, CompletionRecord Record)> OpenOrCreateAsync(
        LazyArray array, string folder, JsonObject job, ZarrWriteOptions options, CancellationToken cancellationToken)
    {
        // A folder holding only a killed run's temporary files counts as empty.
        bool exists = Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(e => !e.EndsWith(FileSystemStore.PartialSuffix, StringComparison.Ordinal));
        if (File.Exists(folder))
        {
            throw new OutputExistsException($"'{folder}' is a file. Choose a folder for the output array.");
        }

        if (exists)
        {
            RefuseUnlessArray(folder);
        }

        if (exists && options.Mode == WriteMode.Resume)
        {
            return await OpenForResumeAsync(array, folder, job, OutputLayout.StoredChunks(array, options), cancellationToken).ConfigureAwait(false);
        }

        if (exists && options.Mode == WriteMode.CreateNew)
        {
            // The same job, finished: nothing to do, rather than an error.
            var finished = await TryOpenFinishedAsync(array, folder, job, OutputLayout.StoredChunks(array, options), cancellationToken).ConfigureAwait(false);
            return finished ?? throw new OutputExistsException($"'{folder}' exists already. Pass --overwrite to replace it, or --resume to finish the job that wrote it.");
        }

        if (exists)
        {
            Directory.Delete(folder, recursive: true);
        }

        string? parent = Path.GetDirectoryName(folder);
        if (parent is not null && !Directory.Exists(parent) && parent.EndsWith(".zarr", StringComparison.OrdinalIgnoreCase))
        {
            // out.zarr/deconvolved: make out.zarr a group so that Zarr tools list the array in it.
            Directory.CreateDirectory(parent);
            await ZarrGroup.CreateAsync(new FileSystemStore(parent), "", options.Format, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(folder);
        var output = await OutputLayout.CreateAsync(array, new FileSystemStore(folder), options, cancellationToken).ConfigureAwait(false);
        var record = new CompletionRecord(array.Chunks.ChunkCount);
        await WriteRecordAsync(output, job, record, cancellationToken).ConfigureAwait(false);
        return (output, record);
    }

    private static async Task<(ZarrArray Output, CompletionRecord Record)> OpenForResumeAsync(LazyArray array, string folder, JsonObject job, int[] chunks, CancellationToken cancellationToken)
    {
        ZarrArray output;
        try
        {
            output = await ZarrArray.OpenAsync(folder, cancellationToken).ConfigureAwait(false);
        }
        catch (TesseraException ex)
        {
            throw new OutputExistsException($"Cannot resume into '{folder}': {ex.Message} Pass --overwrite to start again.", ex);
        }

        int format = job["output"]!["zarr_format"]!.GetValue<int>();
        if ((int)output.Format != format)
        {
            throw new OutputExistsException($"Cannot resume into '{folder}': it is a Zarr v{(int)output.Format} array, but this job writes Zarr v{format}. Pass --overwrite to start again.");
        }

        if (!output.Shape.SequenceEqual(array.Shape) || !output.ChunkShape.SequenceEqual(chunks) || output.DataType.AsNative() != array.DataType)
        {
            throw new OutputExistsException(
                $"Cannot resume into '{folder}': it is {output.DataType.Name} {ShapeMath.Format(output.Shape)} in chunks {ShapeMath.Format(output.ChunkShape)}, " +
                $"but this job makes {array.DataType.Name} {ShapeMath.Format(array.Shape)} in chunks {ShapeMath.Format<int>(chunks)}. Pass --overwrite to start again.");
        }

        JsonObject attributes;
        try
        {
            attributes = await output.ReadAttributesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TesseraException ex)
        {
            throw new OutputExistsException($"Cannot resume into '{folder}': {ex.Message} Pass --overwrite to start again.", ex);
        }

        if (attributes[AttributeKey] is not JsonObject recorded || recorded["job"] is not JsonObject recordedJob)
        {
            throw new OutputExistsException($"Cannot resume into '{folder}': it has no record of a Tessera job in its attributes, so its chunks cannot be trusted. Pass --overwrite to start again.");
        }

        if (!JsonNode.DeepEquals(recordedJob, job))
        {
            throw new OutputExistsException($"Cannot resume into '{folder}': it was written by a different job. {JobDifference.Describe(recordedJob, job)} Run with the same parameters, or pass --overwrite to start again.");
        }

        return (output, CompletionRecord.Parse(recorded["completed_chunks"], array.Chunks.ChunkCount, output.Location));
    }

    /// <summary>Refuses an existing output that is not a Zarr array: a group may hold other arrays, anything else is not ours.</summary>
    private static void RefuseUnlessArray(string folder)
    {
        var kind = OutputLayout.Probe(folder);
        if (kind == ZarrMemberKind.Array)
        {
            return;
        }

        if (kind == ZarrMemberKind.Group)
        {
            string members = string.Join(", ", Directory.EnumerateDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(8));
            throw new OutputExistsException(
                $"'{folder}' is a Zarr group{(members.Length > 0 ? $" (holding {members})" : "")}, not an array; it is never replaced. Name a new array inside it, such as '{Path.Combine(folder, "deconvolved")}'.");
        }

        throw new OutputExistsException($"'{folder}' exists and is not a Zarr array; it is never replaced. Choose another output folder.");
    }

    private static async Task<(ZarrArray Output, CompletionRecord Record)?> TryOpenFinishedAsync(LazyArray array, string folder, JsonObject job, int[] chunks, CancellationToken cancellationToken)
    {
        try
        {
            var (output, record) = await OpenForResumeAsync(array, folder, job, chunks, cancellationToken).ConfigureAwait(false);
            return record.Count == record.Total ? (output, record) : null;
        }
        catch (OutputExistsException)
        {
            return null;
        }
    }

    private static async Task WriteRecordAsync(ZarrArray output, JsonObject job, CompletionRecord record, CancellationToken cancellationToken)
    {
        var attributes = await output.ReadAttributesAsync(cancellationToken).ConfigureAwait(false);
        attributes[AttributeKey] = new JsonObject
        {
            ["job"] = job.DeepClone(),
            ["complete"] = record.Count == record.Total,
            ["chunks_total"] = record.Total,
            ["chunks_complete"] = record.Count,
            ["completed_chunks"] = record.ToJson(),
        };
        await output.WriteAttributesAsync(attributes, cancellationToken).ConfigureAwait(false);
    }
}
