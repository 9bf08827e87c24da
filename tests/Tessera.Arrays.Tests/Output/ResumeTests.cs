using System.Text.Json.Nodes;
using Tessera.Arrays.Output;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Arrays.Tests.Output;

public sealed class ResumeTests : IDisposable
{
    // Three channels by four time points of one 8 x 8 plane: a (z,y,x) operation runs twelve blocks.
    private static readonly int[] Shape = [3, 4, 1, 8, 8];

    private readonly TempDirectory _folder = new();
    private readonly NDBuffer<ushort> _data = TestArrays.RandomUInt16(Shape, seed: 2024);

    public void Dispose()
    {
        _data.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Resume_AfterCancellationFinishesTheSameOutputAsAnUninterruptedRun()
    {
        string source = await WriteSourceAsync();
        string output = _folder.Combine("out");
        string reference = _folder.Combine("reference");
        await (await PipelineAsync(source, 3)).WriteZarrAsync(reference);

        // Cancel from the progress callback once three of the twelve blocks are done.
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.BlocksDone >= 3)
            {
                cancel.Cancel();
            }
        });
        var interrupted = await PipelineAsync(source, 3);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.WriteZarrAsync(output, new ZarrWriteOptions { Progress = progress }, cancel.Token));

        // Whole chunks only: every chunk file decodes to the expected values, and no partial file is left.
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => f.EndsWith(FileSystemStore.PartialSuffix, StringComparison.Ordinal));
        var present = await CheckPresentChunksAsync(output, 3);
        Assert.InRange(present.Count, 3, 11);
        var record = await ReadRecordAsync(output);
        Assert.False((bool)record["complete"]!);
        Assert.Equal(12, (long)record["chunks_total"]!);
        var completed = CompletedChunks(record);
        Assert.Equal(completed.Count, (long)record["chunks_complete"]!);
        Assert.InRange(completed.Count, 3, 11);
        Assert.Subset(present, completed);

        var array = await ZarrArray.OpenAsync(output);
        var completedFiles = array.Grid.AllChunks().Where((_, i) => completed.Contains(i)).Select(c => Path.Combine(output, array.ChunkKey(c))).ToList();
        var stamps = completedFiles.ToDictionary(f => f, File.GetLastWriteTimeUtc);
        await Task.Delay(20); // so that a rewrite would show in the timestamps
        var resumeProgress = new SyncProgress();

        var resumed = await (await PipelineAsync(source, 3)).WriteZarrAsync(output, new ZarrWriteOptions { Mode = WriteMode.Resume, Progress = resumeProgress });

        // Only the missing chunks were computed; the completed ones were left alone.
        Assert.All(resumeProgress.Reports, r => Assert.Equal(12 - completed.Count, r.BlocksTotal));
        Assert.All(resumeProgress.Reports, r => Assert.Equal(completed.Count, r.BlocksSkipped));
        Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(s.Key)));
        Assert.Equal(completed.Count, resumed.ChunksSkipped);
        Assert.Equal(12 - completed.Count, resumed.ChunksWritten);
        Assert.False(resumed.WasComplete);
        Assert.True((bool)(await ReadRecordAsync(output))["complete"]!);
        Assert.Equal(12, (await CheckPresentChunksAsync(output, 3)).Count);
        using var expected = await TestArrays.ReadAllAsync<float>(reference);
        using var actual = await TestArrays.ReadAllAsync<float>(output);
        Assert.Equal(expected.Span.ToArray(), actual.Span.ToArray());
        foreach (string file in ChunkFiles(reference))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(output, Path.GetFileName(file))));
        }
    }

    [Fact]
    public async Task Resume_OfACompleteOutputWritesNothing()
    {
        string source = await WriteSourceAsync();
        string output = _folder.Combine("out");
        var first = await (await PipelineAsync(source, 3)).WriteZarrAsync(output, new ZarrWriteOptions { Mode = WriteMode.Resume });
        Assert.Equal(12, first.ChunksWritten);
        var stamps = ChunkFiles(output).Append(Path.Combine(output, ZarrV2Metadata.ArrayKey)).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        await Task.Delay(20); // so that a rewrite would show in the timestamps

        var again = await (await PipelineAsync(source, 3)).WriteZarrAsync(output, new ZarrWriteOptions { Mode = WriteMode.Resume });

        Assert.True(again.WasComplete);
        Assert.Equal(0, again.ChunksWritten);
        Assert.Equal(12, again.ChunksSkipped);
        Assert.Null(again.Plan);
        Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(s.Key)));
    }

    [Fact]
    public async Task Resume_WithDifferentParametersIsRefusedNamingTheDifference()
    {
        string source = await WriteSourceAsync();
        string output = _folder.Combine("out");
        await (await PipelineAsync(source, 3)).WriteZarrAsync(output);
        var before = ChunkFiles(output).ToDictionary(f => f, File.ReadAllBytes);

        var error = await Assert.ThrowsAsync<OutputExistsException>(async () => await (await PipelineAsync(source, 4)).WriteZarrAsync(output, new ZarrWriteOptions { Mode = WriteMode.Resume }));

        Assert.Contains("written by a different job", error.Message, StringComparison.Ordinal);
        Assert.Contains("parameters.factor: 3, 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("--overwrite", error.Message, StringComparison.Ordinal);
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
    }

    [Fact]
    public async Task Resume_IntoAZarrArrayWithoutAJobRecordIsRefused()
    {
        string source = await WriteSourceAsync();
        using var floats = NDBuffer<float>.Allocate(Shape);
        string output = _folder.Combine("foreign");
        await TestArrays.WriteAsync(output, floats, [1, 1, 1, 8, 8]);

        var error = await Assert.ThrowsAsync<OutputExistsException>(async () => await (await PipelineAsync(source, 3)).WriteZarrAsync(output, new ZarrWriteOptions { Mode = WriteMode.Resume }));

        Assert.Contains("no record of a Tessera job", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateNew_RefusesAnExistingOutputAndOverwriteReplacesIt()
    {
        string source = await WriteSourceAsync();
        string output = _folder.Combine("out");
        await (await PipelineAsync(source, 3)).WriteZarrAsync(output);

        var error = await Assert.ThrowsAsync<OutputExistsException>(async () => await (await PipelineAsync(source, 5)).WriteZarrAsync(output));
        Assert.Contains("exists already", error.Message, StringComparison.Ordinal);
        await CheckPresentChunksAsync(output, 3);

        var replaced = await (await PipelineAsync(source, 5)).WriteZarrAsync(output, new ZarrWriteOptions { Mode = WriteMode.Overwrite });

        Assert.Equal(12, replaced.ChunksWritten);
        Assert.Equal(12, (await CheckPresentChunksAsync(output, 5)).Count);
        var nodes = (await ReadRecordAsync(output))["job"]!["parameters"]!["nodes"]!.AsArray();
        Assert.Equal(5.0, (double)nodes.Single(n => (string?)n!["node"] == "map_blocks")!["parameters"]!["factor"]!);
    }

    [Fact]
    public async Task Overwrite_RefusesToDeleteAFolderThatIsNotZarr()
    {
        string source = await WriteSourceAsync();
        string output = _folder.Combine("documents");
        Directory.CreateDirectory(output);
        string notes = Path.Combine(output, "notes.txt");
        await File.WriteAllTextAsync(notes, "precious");

        var error = await Assert.ThrowsAsync<OutputExistsException>(async () => await (await PipelineAsync(source, 3)).WriteZarrAsync(output, new ZarrWriteOptions { Mode = WriteMode.Overwrite }));

        Assert.Contains("is not a Zarr array; it is never replaced", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(notes));
    }

    private static async Task<LazyArray> PipelineAsync(string source, double factor) =>
        (await LazyArray.OpenZarrAsync(source)).AsType<float>().MapBlocks(new ScaleOperation(factor));

    private static async Task<JsonObject> ReadRecordAsync(string output) =>
        (await (await ZarrArray.OpenAsync(output)).ReadAttributesAsync())["tessera"]!.AsObject();

    private static HashSet<long> CompletedChunks(JsonObject record)
    {
        var chunks = new HashSet<long>();
        foreach (var range in record["completed_chunks"]!.AsArray())
        {
            for (long i = (long)range![0]!; i < (long)range[1]!; i++)
            {
                chunks.Add(i);
            }
        }

        return chunks;
    }

    private static IEnumerable<string> ChunkFiles(string folder) =>
        Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();

    private async Task<string> WriteSourceAsync()
    {
        string path = _folder.Combine("in");
        await TestArrays.WriteAsync(path, _data, [1, 1, 1, 8, 8]);
        return path;
    }

    /// <summary>Decodes every chunk file of <paramref name="output"/>, checks it against data·factor, and returns the C-order indices present.</summary>
    private async Task<HashSet<long>> CheckPresentChunksAsync(string output, float factor)
    {
        var array = await ZarrArray.OpenAsync(output);
        var present = new HashSet<long>();
        using var chunk = NDBuffer<float>.Allocate([1, 1, 1, 8, 8]);
        long linear = 0;
        foreach (long[] index in array.Grid.AllChunks())
        {
            bool exists = File.Exists(Path.Combine(output, array.ChunkKey(index)));
            Assert.Equal(exists, await array.ReadChunkAsync(index, chunk.ByteMemory));
            if (exists)
            {
                present.Add(linear);
                for (int y = 0; y < 8; y++)
                {
                    for (int x = 0; x < 8; x++)
                    {
                        Assert.Equal(_data[(int)index[0], (int)index[1], 0, y, x] * factor, chunk[0, 0, 0, y, x]);
                    }
                }
            }

            linear++;
        }

        return present;
    }
}
