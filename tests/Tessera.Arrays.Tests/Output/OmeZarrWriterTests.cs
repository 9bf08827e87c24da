using Tessera.Arrays.Output;
using Tessera.Arrays.Tests.Support;
using Tessera.Buffers;
using Tessera.Ngff;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Arrays.Tests.Output;

/// <summary>
/// OME-Zarr pyramids: each level equals the block mean of the level before (checked against float64 loops),
/// the metadata says what was written, and every image is also checked by the independent NGFF rules when its
/// <see cref="TempDirectory"/> is disposed.
/// </summary>
public sealed class OmeZarrWriterTests : IDisposable
{
    // (t, c, z, y, x): z steps of 2 µm over 0.5 µm pixels.
    private static readonly int[] Shape = [2, 2, 9, 30, 28];
    private static readonly NgffAxis[] Axes =
    [
        NgffAxis.Time("t", "second"), NgffAxis.Channel("c"), NgffAxis.Space("z", "micrometer"), NgffAxis.Space("y", "micrometer"), NgffAxis.Space("x", "micrometer"),
    ];

    private readonly TempDirectory _folder = new();
    private readonly NDBuffer<ushort> _data = TestArrays.RandomUInt16(Shape, seed: 5);

    public void Dispose()
    {
        _data.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(NgffVersion.V0_4)]
    [InlineData(NgffVersion.V0_5)]
    public async Task Pyramid_LevelsAreBlockMeansOfTheLevelBefore_WithScalesAndTranslations(NgffVersion version)
    {
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 9, 30, 28]));
        string output = _folder.Combine("image.ome.zarr");
        var options = new OmeZarrOptions { Version = version, Axes = Axes, Scale = [1, 1, 2, 0.5, 0.5], Translation = [0, 0, 10, 0, 0], Levels = 4, Name = "test" };

        var result = await OmeZarrWriter.WriteAsync(image, output, options);

        // Anisotropy: x and y halve until their pixels reach z's 2 µm, then all three halve together.
        int[][] factors = [[1, 1, 1, 2, 2], [1, 1, 1, 2, 2], [1, 1, 2, 2, 2]];
        long[][] shapes = [[2, 2, 9, 30, 28], [2, 2, 9, 15, 14], [2, 2, 9, 8, 7], [2, 2, 5, 4, 4]];
        Assert.Equal(4, result.Levels.Count);
        var group = await ZarrGroup.OpenAsync(new FileSystemStore(output), "");
        Assert.Equal(version == NgffVersion.V0_5 ? ZarrFormat.V3 : ZarrFormat.V2, group.Format);
        var ngff = NgffImage.FromAttributes(await group.ReadAttributesAsync(), output)!;
        Assert.Equal(version, ngff.Version);
        var multiscale = Assert.Single(ngff.Multiscales);
        Assert.Equal(["t", "c", "z", "y", "x"], multiscale.Axes.Select(a => a.Name));
        Assert.Equal("test", multiscale.Name);
        double[] scale = [1, 1, 2, 0.5, 0.5];
        double[] cumulative = [1, 1, 1, 1, 1];
        for (int k = 0; k < 4; k++)
        {
            var dataset = multiscale.Datasets[k];
            Assert.Equal(k.ToString(System.Globalization.CultureInfo.InvariantCulture), dataset.Path);
            Assert.Equal(scale.Select((s, d) => s * cumulative[d]), dataset.Scale);
            Assert.Equal(cumulative.Select((f, d) => (d == 2 ? 10 : 0) + ((f - 1) / 2 * scale[d])), dataset.Translation!);
            var level = await ZarrArray.OpenAsync(Path.Combine(output, dataset.Path));
            Assert.Equal(shapes[k], level.Shape.ToArray());
            Assert.Equal(group.Format, level.Format);
            if (k < 3)
            {
                for (int d = 0; d < 5; d++)
                {
                    cumulative[d] *= factors[k][d];
                }
            }
        }

        using var previous = await TestArrays.ReadAllAsync<ushort>(Path.Combine(output, "0"));
        Assert.Equal(_data.Span.ToArray(), previous.Span.ToArray());
        for (int k = 1; k < 4; k++)
        {
            using var fine = await TestArrays.ReadAllAsync<ushort>(Path.Combine(output, (k - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            using var coarse = await TestArrays.ReadAllAsync<ushort>(Path.Combine(output, k.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(BlockMean(fine, factors[k - 1]), coarse.Span.ToArray());
        }
    }

    [Fact]
    public async Task Pyramid_V05WithShards_ClipsInnerChunksToCoarserLevels()
    {
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 9, 30, 28]));
        string output = _folder.Combine("image.ome.zarr");
        var options = new OmeZarrOptions
        {
            Version = NgffVersion.V0_5,
            Axes = Axes,
            Scale = [1, 1, 0.5, 0.5, 0.5],
            Levels = 2,
            Write = new ZarrWriteOptions { InnerChunks = [1, 1, 3, 10, 14] },
        };

        await OmeZarrWriter.WriteAsync(image, output, options);

        var level0 = await ZarrArray.OpenAsync(Path.Combine(output, "0"));
        Assert.Equal([1, 1, 3, 10, 14], level0.InnerChunkShape!.ToArray());
        var level1 = await ZarrArray.OpenAsync(Path.Combine(output, "1"));
        Assert.NotNull(level1.InnerChunkShape);
        for (int d = 0; d < 5; d++)
        {
            Assert.Equal(0, level1.ChunkShape[d] % level1.InnerChunkShape![d]);
        }
    }

    [Fact]
    public async Task AxesThatDoNotMatchTheRank_AreRefusedBeforeAnythingIsWritten()
    {
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 9, 30, 28]));
        string output = _folder.Combine("image.ome.zarr");
        var options = new OmeZarrOptions { Axes = Axes[1..], Scale = [1, 1, 1, 1] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => OmeZarrWriter.WriteAsync(image, output, options));

        Assert.Contains("4 but the array has 5 dimensions", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Interrupted_LeavesNoMultiscales_AndResumeFinishesTheImage()
    {
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 9, 30, 28]));
        string output = _folder.Combine("image.ome.zarr");
        using var cancel = new CancellationTokenSource();
        var options = new OmeZarrOptions { Axes = Axes, Scale = [1, 1, 0.5, 0.5, 0.5], Levels = 3 };
        var stopAfterOneBlock = new ZarrWriteOptions { MaxParallelBlocks = 1, Progress = new SyncProgress(p => { if (p.BlocksDone >= 1) { cancel.Cancel(); } }) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OmeZarrWriter.WriteAsync(image, output, options with { Write = stopAfterOneBlock }, cancel.Token));

        // Not an image yet: no viewer would take the half-made pyramid for a complete one.
        var attributes = await (await ZarrGroup.OpenAsync(new FileSystemStore(output), "")).ReadAttributesAsync();
        Assert.Null(NgffImage.FromAttributes(attributes, output));
        await Assert.ThrowsAsync<OutputExistsException>(() => OmeZarrWriter.WriteAsync(image, output, options));

        var resumed = await OmeZarrWriter.WriteAsync(image, output, options with { Write = new ZarrWriteOptions { Mode = WriteMode.Resume } });

        Assert.InRange(resumed.Levels[0].ChunksSkipped, 1, 3);
        Assert.Equal(3, resumed.Image.Multiscales[0].Datasets.Count);
        var again = await OmeZarrWriter.WriteAsync(image, output, options);
        Assert.All(again.Levels, l => Assert.True(l.WasComplete));
    }

    [Fact]
    public async Task ExistingFolderThatIsNotAGroup_IsNeverReplaced()
    {
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 9, 30, 28]));
        string output = _folder.Combine("notes");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");

        await Assert.ThrowsAsync<OutputExistsException>(() => OmeZarrWriter.WriteAsync(
            image, output, new OmeZarrOptions { Axes = Axes, Scale = [1, 1, 1, 1, 1], Write = new ZarrWriteOptions { Mode = WriteMode.Overwrite } }));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "keep.txt")));
    }

    [Fact]
    public async Task Overwrite_RefusesAGroupHoldingMoreThanImageLevels()
    {
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 9, 30, 28]));
        string output = _folder.Combine("plate.zarr");
        await ZarrGroup.CreateAsync(new FileSystemStore(output), "");
        Directory.CreateDirectory(Path.Combine(output, "A"));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var error = await Assert.ThrowsAsync<OutputExistsException>(() => OmeZarrWriter.WriteAsync(
            image, output, new OmeZarrOptions { Axes = Axes, Scale = [1, 1, 1, 1, 1], Write = new ZarrWriteOptions { Mode = WriteMode.Overwrite } }));

        Assert.Contains("never replaced", error.Message, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.True(Directory.Exists(Path.Combine(output, "A")));
    }

    [Fact]
    public async Task AnImageOfTheOtherVersion_IsReplacedOnlyWithOverwrite()
    {
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), _data, [1, 1, 9, 30, 28]));
        string output = _folder.Combine("image.ome.zarr");
        var v04 = new OmeZarrOptions { Axes = Axes, Scale = [1, 1, 1, 1, 1], Levels = 2 };
        await OmeZarrWriter.WriteAsync(image, output, v04);

        var error = await Assert.ThrowsAsync<OutputExistsException>(() => OmeZarrWriter.WriteAsync(image, output, v04 with { Version = NgffVersion.V0_5 }));
        Assert.Contains("Zarr v2", error.Message, StringComparison.Ordinal);
        Assert.Contains("--overwrite", error.Message, StringComparison.Ordinal);

        var result = await OmeZarrWriter.WriteAsync(image, output, v04 with { Version = NgffVersion.V0_5, Write = new ZarrWriteOptions { Mode = WriteMode.Overwrite } });
        Assert.Equal(NgffVersion.V0_5, result.Image.Version);
        Assert.False(File.Exists(Path.Combine(output, ZarrNode.GroupKey)));

        // NGFF 0.5: every level's dimension_names are the axis names.
        foreach (string level in new[] { "0", "1" })
        {
            var array = await ZarrArray.OpenAsync(Path.Combine(output, level));
            Assert.Equal(["t", "c", "z", "y", "x"], array.DimensionNames!);
        }
    }

    /// <summary>The float64 block mean of <paramref name="fine"/> by <paramref name="factors"/>, edges averaging what exists, rounded half away from zero.</summary>
    private static ushort[] BlockMean(NDBuffer<ushort> fine, int[] factors)
    {
        int[] shape = fine.Shape.ToArray();
        int[] outShape = [.. shape.Select((n, d) => (n + factors[d] - 1) / factors[d])];
        var result = new ushort[outShape.Aggregate(1, (a, b) => a * b)];
        var span = fine.Span;
        int[] o = new int[5];
        for (int i = 0; i < result.Length; i++)
        {
            int rest = i;
            for (int d = 4; d >= 0; d--)
            {
                o[d] = rest % outShape[d];
                rest /= outShape[d];
            }

            double sum = 0;
            int count = 0;
            for (int a = o[0] * factors[0]; a < Math.Min((o[0] + 1) * factors[0], shape[0]); a++)
            {
                for (int b = o[1] * factors[1]; b < Math.Min((o[1] + 1) * factors[1], shape[1]); b++)
                {
                    for (int c = o[2] * factors[2]; c < Math.Min((o[2] + 1) * factors[2], shape[2]); c++)
                    {
                        for (int y = o[3] * factors[3]; y < Math.Min((o[3] + 1) * factors[3], shape[3]); y++)
                        {
                            for (int x = o[4] * factors[4]; x < Math.Min((o[4] + 1) * factors[4], shape[4]); x++)
                            {
                                sum += span[((((((a * shape[1]) + b) * shape[2]) + c) * shape[3]) + y) * shape[4] + x];
                                count++;
                            }
                        }
                    }
                }
            }

            result[i] = (ushort)Math.Round(sum / count, MidpointRounding.AwayFromZero);
        }

        return result;
    }
}
