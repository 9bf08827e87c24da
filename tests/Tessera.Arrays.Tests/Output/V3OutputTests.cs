using Tessera.Arrays.Output;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.Zarr;
using Tessera.Zarr.V3;

namespace Tessera.Arrays.Tests.Output;

/// <summary>Job outputs written as Zarr v3, plain and sharded, read back equal to the computed array.</summary>
public sealed class V3OutputTests : IDisposable
{
    private static readonly int[] Shape = [2, 3, 6, 16, 20];
    private readonly TempDirectory _folder = new();
    private readonly NDBuffer<ushort> _data = TestArrays.RandomUInt16(Shape, seed: 11);

    public void Dispose()
    {
        _data.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteZarr_V3_ReadsBackEqual_WithShardsOfInnerChunks(bool sharded)
    {
        var source = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 6, 16, 20]));
        string output = _folder.Combine("out");
        var options = new ZarrWriteOptions
        {
            Format = ZarrFormat.V3,
            InnerChunks = sharded ? [1, 1, 3, 8, 10] : null,
            DimensionNames = ["c", "t", "z", "y", "x"],
        };

        var result = await source.WriteZarrAsync(output, options);

        Assert.Equal(6, result.ChunksWritten);
        Assert.True(File.Exists(Path.Combine(output, ZarrV3Node.MetadataKey)));
        Assert.False(File.Exists(Path.Combine(output, ZarrV2Metadata.ArrayKey)));
        var array = await ZarrArray.OpenAsync(output);
        Assert.Equal(ZarrFormat.V3, array.Format);
        Assert.Equal(sharded ? [1, 1, 3, 8, 10] : null, array.InnerChunkShape?.ToArray());
        Assert.Equal(["c", "t", "z", "y", "x"], array.DimensionNames!);
        using var actual = await TestArrays.ReadAllAsync<ushort>(output);
        Assert.Equal(_data.Span.ToArray(), actual.Span.ToArray());

        // The job record lives in zarr.json's attributes, so a second run finds the job finished.
        var again = await source.WriteZarrAsync(output, options);
        Assert.True(again.WasComplete);
    }

    [Theory]
    [InlineData(ZarrFormat.V2)]
    [InlineData(ZarrFormat.V3)]
    public async Task Blocks_AreStoredAsSeveralWholeChunks_WhenChunksTileThem(ZarrFormat format)
    {
        var source = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 6, 16, 20]));
        string output = _folder.Combine("out");
        var options = new ZarrWriteOptions { Format = format, Chunks = [1, 1, 3, 8, 10] };

        var result = await source.WriteZarrAsync(output, options);

        Assert.Equal(6, result.ChunksTotal); // Blocks: one volume each.
        var array = await ZarrArray.OpenAsync(output);
        Assert.Equal([1, 1, 3, 8, 10], array.ChunkShape.ToArray());
        Assert.Equal(48, Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Count(f => array.TryParseChunkKey(Path.GetRelativePath(output, f).Replace('\\', '/'), out _)));
        using var actual = await TestArrays.ReadAllAsync<ushort>(output);
        Assert.Equal(_data.Span.ToArray(), actual.Span.ToArray());
        Assert.True((await source.WriteZarrAsync(output, options)).WasComplete);

        // Chunks that would be shared by two blocks are refused before anything is written.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => source.WriteZarrAsync(_folder.Combine("bad"), options with { Chunks = [2, 1, 3, 8, 10] }));
        Assert.Contains("axis 0", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("bad")));
    }

    [Fact]
    public async Task AnOutputOfAnotherFormatOrLayout_IsNeverContinued()
    {
        var source = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 6, 16, 20]));
        string output = _folder.Combine("out");
        await source.WriteZarrAsync(output);

        // The same computation asked as v3 (or sharded): the v2 output must not pass for it.
        var asV3 = new ZarrWriteOptions { Format = ZarrFormat.V3 };
        await Assert.ThrowsAsync<OutputExistsException>(() => source.WriteZarrAsync(output, asV3));
        var resume = await Assert.ThrowsAsync<OutputExistsException>(() => source.WriteZarrAsync(output, asV3 with { Mode = WriteMode.Resume }));
        Assert.Contains("it is a Zarr v2 array, but this job writes Zarr v3", resume.Message, StringComparison.Ordinal);

        await source.WriteZarrAsync(output, asV3 with { Mode = WriteMode.Overwrite });
        var sharded = asV3 with { InnerChunks = [1, 1, 3, 8, 10], Mode = WriteMode.Resume };
        var reshard = await Assert.ThrowsAsync<OutputExistsException>(() => source.WriteZarrAsync(output, sharded));
        Assert.Contains("output.codecs", reshard.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteZarr_V3_InnerChunksThatDoNotDivideTheBlocks_AreRefusedBeforeComputing()
    {
        var source = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 6, 16, 20]));
        var error = await Assert.ThrowsAsync<ZarrFormatException>(() =>
            source.WriteZarrAsync(_folder.Combine("out"), new ZarrWriteOptions { Format = ZarrFormat.V3, InnerChunks = [1, 1, 4, 8, 10] }));
        Assert.Contains("chunk_shape", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteZarr_V2_WithV3OnlyOptions_IsRefused()
    {
        var source = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 6, 16, 20]));
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            source.WriteZarrAsync(_folder.Combine("out"), new ZarrWriteOptions { InnerChunks = [1, 1, 3, 8, 10] }));
        Assert.Contains("ZarrFormat.V3", error.Message, StringComparison.Ordinal);
    }
}
