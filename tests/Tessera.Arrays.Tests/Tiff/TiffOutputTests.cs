using System.Text.Json;
using Tessera.Arrays.Output;
using Tessera.Arrays.Scheduling;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Arrays.Tests.Tiff;

public sealed class TiffOutputTests(TiffInputFixture inputs) : IClassFixture<TiffInputFixture>
{
    private const string ReadBack = """
        import json, sys
        import numpy as np, tifffile
        path, raw, dtype = sys.argv[1], sys.argv[2], sys.argv[3]
        shape = [int(s) for s in sys.argv[4].split(',')]
        expected = np.fromfile(raw, dtype=np.dtype(dtype).newbyteorder('<')).reshape(shape)
        with tifffile.TiffFile(path) as tif:
            s = tif.series[0]
            data = s.asarray()
            out = dict(is_ome=tif.is_ome, pages=len(tif.pages), axes=s.axes, shape=list(s.shape),
                       dtype=str(s.dtype), equal=bool(data.size == expected.size and np.array_equal(data.reshape(shape), expected)))
            if tif.is_ome:
                pixels = tifffile.xml2dict(tif.ome_metadata)['OME']['Image']['Pixels']
                out['pixels'] = {k: v for k, v in pixels.items() if k.startswith('Physical') or k == 'DimensionOrder'}
                channels = pixels.get('Channel', [])
                channels = channels if isinstance(channels, list) else [channels]
                out['channels'] = [c.get('Name') for c in channels]
        print(json.dumps(out))
        """;

    [Fact]
    public async Task WriteTiffAsync_WritesOmeCtzyxThatTifffileReads()
    {
        using var dir = new TempDirectory();
        var source = LazyArray.OpenTiff(inputs.Combine("hyper.tif"));
        string path = dir.Combine("out.ome.tif");
        var progress = new SyncProgress();

        await source.WriteTiffAsync(path, new TiffWriteOptions
        {
            PhysicalSizeX = 0.25,
            PhysicalSizeY = 0.25,
            PhysicalSizeZ = 0.5,
            ChannelNames = ["A", "B"],
            MaxParallelBlocks = 3,
            Progress = progress,
        });

        var result = Read(path, inputs.Expected("hyper"), "float32", [2, 3, 5, 17, 19]);
        Assert.True(result.GetProperty("is_ome").GetBoolean());
        Assert.True(result.GetProperty("equal").GetBoolean());
        Assert.Equal("CTZYX", result.GetProperty("axes").GetString());
        Assert.Equal([2, 3, 5, 17, 19], result.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var pixels = result.GetProperty("pixels");
        Assert.Equal("XYZTC", pixels.GetProperty("DimensionOrder").GetString());
        Assert.Equal(0.25, pixels.GetProperty("PhysicalSizeX").GetDouble());
        Assert.Equal(0.5, pixels.GetProperty("PhysicalSizeZ").GetDouble());
        Assert.Equal("µm", pixels.GetProperty("PhysicalSizeXUnit").GetString());
        Assert.Equal(["A", "B"], result.GetProperty("channels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(6, progress.Reports[^1].BlocksDone);
    }

    [Fact]
    public async Task WriteTiffAsync_KeepsPageOrderWhenBlocksFinishOutOfOrder()
    {
        using var dir = new TempDirectory();
        var source = LazyArray.OpenTiffSeries(inputs.Combine("series", "ch{c}_t{t:03}.tif"));

        // The first block to compute is slow, so later blocks finish first and must wait for it.
        int calls = 0;
        var slowFirst = LazyArray.MapBlocks("(z,y,x)->(z,y,x)", source.DataType, (blocks, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                Thread.Sleep(300);
            }

            var copy = NDBuffers.Allocate(blocks[0].ElementType, blocks[0].Shape, clear: false);
            blocks[0].Bytes.CopyTo(copy.Bytes);
            return copy;
        }, [source]);
        string path = dir.Combine("ordered.tif");

        await slowFirst.WriteTiffAsync(path, new TiffWriteOptions { Ome = false, MaxParallelBlocks = 4, ReadAhead = 2 });

        var result = Read(path, inputs.Expected("series"), "uint16", [2, 4, 5, 12, 14]);
        Assert.False(result.GetProperty("is_ome").GetBoolean());
        Assert.Equal(40, result.GetProperty("pages").GetInt32());
        Assert.True(result.GetProperty("equal").GetBoolean());
    }

    [Fact]
    public async Task WriteTiffAsync_WritesZyxInZChunks()
    {
        using var dir = new TempDirectory();
        var stack = LazyArray.OpenTiff(inputs.Combine("stack.tif")).Take(0, 0).Take(0, 0);
        string path = dir.Combine("zyx.ome.tif");

        await stack.WriteTiffAsync(path, new TiffWriteOptions { Compression = Tessera.Tiff.Writing.TiffCompression.Deflate });

        var result = Read(path, inputs.Expected("stack"), "uint16", [7, 33, 41]);
        Assert.Equal("ZYX", result.GetProperty("axes").GetString());
        Assert.True(result.GetProperty("equal").GetBoolean());
    }

    [Fact]
    public async Task WriteTiffAsync_FailingBlockStopsTheJobAndLeavesNoFile()
    {
        using var dir = new TempDirectory();
        var source = LazyArray.OpenTiffSeries(inputs.Combine("series", "ch{c}_t{t:03}.tif"));
        int calls = 0;
        var failing = LazyArray.MapBlocks("(z,y,x)->(z,y,x)", source.DataType, (blocks, _) =>
        {
            int call = Interlocked.Increment(ref calls);
            if (call == 1)
            {
                // Blocks after the first finish and wait for it to be written; then it fails.
                Thread.Sleep(200);
                throw new InvalidOperationException("boom");
            }

            var copy = NDBuffers.Allocate(blocks[0].ElementType, blocks[0].Shape, clear: false);
            blocks[0].Bytes.CopyTo(copy.Bytes);
            return copy;
        }, [source]);
        string path = dir.Combine("failed.tif");

        var error = await Assert.ThrowsAsync<BlockFailedException>(() => failing.WriteTiffAsync(path, new TiffWriteOptions { MaxParallelBlocks = 4 }).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("boom", error.InnerException!.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task WriteTiffAsync_RefusesOtherRanksAndTypes()
    {
        using var dir = new TempDirectory();
        var source = LazyArray.OpenTiff(inputs.Combine("stack.tif"));
        await Assert.ThrowsAsync<ArgumentException>(() => source.Take(0, 0).WriteTiffAsync(dir.Combine("a.tif")));
        await Assert.ThrowsAsync<ArgumentException>(() => source.AsType(DataType.Parse("<f8")).WriteTiffAsync(dir.Combine("b.tif")));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    private static JsonElement Read(string path, byte[] expected, string dtype, int[] shape)
    {
        string raw = path + ".expected";
        File.WriteAllBytes(raw, expected);
        try
        {
            return JsonDocument.Parse(ReferencePython.Run(ReadBack, path, raw, dtype, string.Join(',', shape))).RootElement;
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
