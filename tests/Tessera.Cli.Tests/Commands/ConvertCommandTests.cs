using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Cli.Tests.Commands;

public sealed class ConvertCommandTests
{
    public static TheoryData<string, string> CodecConfigurations => new()
    {
        { "none", "null" },
        { "zlib", """{"id":"zlib","level":1}""" },
        { "gzip", """{"id":"gzip","level":1}""" },
        { "zstd", """{"id":"zstd","level":1}""" },
        { "lz4", """{"id":"lz4","acceleration":1}""" },
        { "blosc-lz4", """{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""" },
        { "blosc-zstd", """{"id":"blosc","cname":"zstd","clevel":5,"shuffle":1,"blocksize":0}""" },
    };

    [Theory]
    [MemberData(nameof(CodecConfigurations))]
    public async Task Convert_RoundTripsEveryCodec(string codec, string expectedCompressor)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        var attributes = new JsonObject { ["axes"] = new JsonArray("t", "y", "x"), ["note"] = "é <x>" };
        byte[] data = await TestArrays.CreateAsync(input, [3, 50, 71], [2, 16, 32], "<u2", TestArrays.Zstd(), attributes: attributes);
        string output = temp.Combine("out.zarr");

        var result = await CliRun.RunAsync("convert", input, output, "--codec", codec);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(data, await TestArrays.ReadAllAsync(output));
        var zarray = await ReadJsonAsync(output, ".zarray");
        Assert.Equal(expectedCompressor, zarray["compressor"]?.ToJsonString() ?? "null");
        Assert.Equal("[2,16,32]", zarray["chunks"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(attributes, await ReadJsonAsync(output, ".zattrs")));
    }

    [Fact]
    public async Task Convert_DefaultsToBloscLz4ByteShuffle()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [10, 10], [5, 5]);

        Assert.Equal(0, (await CliRun.RunAsync("convert", input, temp.Combine("out.zarr"))).ExitCode);

        var zarray = await ReadJsonAsync(temp.Combine("out.zarr"), ".zarray");
        Assert.Equal("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""", zarray["compressor"]!.ToJsonString());
    }

    [Theory]
    [InlineData("blosc-zstd", "9", "bit", """{"id":"blosc","cname":"zstd","clevel":9,"shuffle":2,"blocksize":0}""")]
    [InlineData("blosc-lz4", "0", "none", """{"id":"blosc","cname":"lz4","clevel":0,"shuffle":0,"blocksize":0}""")]
    [InlineData("zstd", "19", null, """{"id":"zstd","level":19}""")]
    [InlineData("gzip", "9", null, """{"id":"gzip","level":9}""")]
    public async Task Convert_AppliesLevelAndShuffle(string codec, string level, string? shuffle, string expected)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [13, 17, 5], [4, 8, 5], "<f8");
        string output = temp.Combine("out.zarr");
        string[] args = shuffle is null
            ? ["convert", input, output, "--codec", codec, "--level", level]
            : ["convert", input, output, "--codec", codec, "--level", level, "--shuffle", shuffle];

        var result = await CliRun.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(expected, (await ReadJsonAsync(output, ".zarray"))["compressor"]!.ToJsonString());
        Assert.Equal(data, await TestArrays.ReadAllAsync(output));
    }

    [Theory]
    [InlineData("2,50,7")]
    [InlineData("7,193,10")]
    [InlineData("1,1,1")]
    [InlineData("5,200,3")]
    public async Task Convert_RechunksWithEdgeChunks(string chunks)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [7, 193, 10], [3, 64, 10], "<i2", TestArrays.Zstd(), JsonValue.Create(-3));
        string output = temp.Combine("out.zarr");

        var result = await CliRun.RunAsync("convert", input, output, "--chunks", chunks, "--codec", "lz4");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(data, await TestArrays.ReadAllAsync(output));
        var array = await ZarrArray.OpenAsync(output);
        Assert.Equal(chunks, string.Join(',', array.ChunkShape.ToArray()));
        Assert.Equal(-3, (int)array.V2Metadata!.FillValue.Json!);
    }

    [Fact]
    public async Task Convert_KeepsDataTypeOrderSeparatorAndFillValue()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [9, 11, 4], [4, 4, 4], ">i4", null, JsonValue.Create(12345), MemoryOrder.F, '/');
        string output = temp.Combine("out.zarr");

        var result = await CliRun.RunAsync("convert", input, output, "--codec", "zlib", "--chunks", "3,5,2");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(data, await TestArrays.ReadAllAsync(output));
        var zarray = await ReadJsonAsync(output, ".zarray");
        Assert.Equal(">i4", (string)zarray["dtype"]!);
        Assert.Equal("F", (string)zarray["order"]!);
        Assert.Equal("/", (string)zarray["dimension_separator"]!);
        Assert.Equal(12345, (int)zarray["fill_value"]!);
        Assert.True(File.Exists(Path.Combine(output, "2", "2", "1")));
        Assert.False(File.Exists(Path.Combine(output, ".zattrs")));
    }

    [Fact]
    public async Task Convert_DoesNotStoreChunksOfOnlyTheFillValue()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        var metadata = new ZarrV2Metadata
        {
            Shape = [4, 20],
            Chunks = [1, 20],
            DataType = Tessera.DataTypes.DataType.Parse("<u2"),
            FillValue = FillValue.Parse(JsonValue.Create(7), Tessera.DataTypes.DataType.Parse("<u2")),
        };
        var array = await ZarrArray.CreateAsync(new Tessera.Stores.FileSystemStore(input), "", metadata);
        var row = new byte[40];
        row.AsSpan().Fill(1);
        await array.WriteRegionAsync([2, 0], [1, 20], row); // Only row 2 is stored; the rest read as 7.
        string output = temp.Combine("out.zarr");

        var result = await CliRun.RunAsync("convert", input, output, "--chunks", "1,10");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["2.0", "2.1"], Directory.GetFiles(output).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order());
        Assert.Equal(await TestArrays.ReadAllAsync(input), await TestArrays.ReadAllAsync(output));
        Assert.Contains("6 more held only the fill value", result.Stdout);
    }

    [Fact]
    public async Task Convert_WithUndefinedFillValueStoresEveryChunk()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        var dataType = Tessera.DataTypes.DataType.Parse("<f4");
        var metadata = new ZarrV2Metadata { Shape = [3, 4], Chunks = [1, 4], DataType = dataType, FillValue = FillValue.Parse(null, dataType) };
        await ZarrArray.CreateAsync(new Tessera.Stores.FileSystemStore(input), "", metadata);
        string output = temp.Combine("out.zarr");

        Assert.Equal(0, (await CliRun.RunAsync("convert", input, output)).ExitCode);

        Assert.Equal(3, Directory.GetFiles(output).Count(f => !Path.GetFileName(f).StartsWith('.')));
    }

    [Fact]
    public async Task Convert_HandlesZeroDimensionalAndEmptyArrays()
    {
        using var temp = new TempDirectory();
        byte[] scalar = await TestArrays.CreateAsync(temp.Combine("scalar.zarr"), [], [], "<f8");
        await TestArrays.CreateAsync(temp.Combine("empty.zarr"), [0, 5], [2, 5], "|u1");

        Assert.Equal(0, (await CliRun.RunAsync("convert", temp.Combine("scalar.zarr"), temp.Combine("scalar2.zarr"), "--codec", "gzip")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("convert", temp.Combine("empty.zarr"), temp.Combine("empty2.zarr"), "--chunks", "3,3")).ExitCode);

        Assert.Equal(scalar, await TestArrays.ReadAllAsync(temp.Combine("scalar2.zarr")));
        Assert.Equal("[0,5]", (await ReadJsonAsync(temp.Combine("empty2.zarr"), ".zarray"))["shape"]!.ToJsonString());
    }

    [Fact]
    public async Task Convert_PrintsOneLineSummary()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [6, 32, 32], [1, 32, 32]);

        var result = await CliRun.RunAsync("convert", input, temp.Combine("out.zarr"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        string line = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("converted 6 chunks to ", line);
        Assert.Contains("12.0 KiB of data", line);
        Assert.Contains("ratio", line);
    }

    [Fact]
    public async Task Convert_CreatesMissingParentFolders()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [5, 5], [2, 2]);
        string output = temp.Combine("a", "b", "out.zarr");

        Assert.Equal(0, (await CliRun.RunAsync("convert", input, output)).ExitCode);

        Assert.Equal(data, await TestArrays.ReadAllAsync(output));
    }

    [Fact]
    public async Task Convert_FailureRemovesParentFoldersItCreated()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [4, 8], [1, 8], "<u2", TestArrays.Zstd());
        await File.WriteAllBytesAsync(Path.Combine(input, "3.0"), [1, 2, 3]);

        (await CliRun.RunAsync("convert", input, temp.Combine("a", "b", "out.zarr"))).AssertOneErrorLine();

        Assert.False(Directory.Exists(temp.Combine("a")));
    }

    [Fact]
    public async Task Convert_RefusesExistingOutput()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [5, 5], [2, 2]);
        string output = temp.Combine("out.zarr");
        byte[] old = await TestArrays.CreateAsync(output, [3], [3], "|u1");

        string line = (await CliRun.RunAsync("convert", input, output)).AssertOneErrorLine();

        Assert.Contains(output, line);
        Assert.Contains("--overwrite", line);
        Assert.Equal(old, await TestArrays.ReadAllAsync(output));
    }

    [Fact]
    public async Task Convert_OverwriteReplacesExistingArray()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [5, 5], [2, 2]);
        string output = temp.Combine("out.zarr");
        await TestArrays.CreateAsync(output, [3], [3], "|u1", attributes: new JsonObject { ["old"] = true });

        var result = await CliRun.RunAsync("convert", input, output, "--overwrite");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(data, await TestArrays.ReadAllAsync(output));
        Assert.False(File.Exists(Path.Combine(output, ".zattrs")));
        Assert.Equal([output], TestArrays.Leftovers(temp.Path, "out.zarr"));
    }

    [Fact]
    public async Task Convert_FailedOverwriteKeepsExistingOutput()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [4, 8], [1, 8], "<u2", TestArrays.Zstd());
        await File.WriteAllBytesAsync(Path.Combine(input, "1.0"), [9, 9, 9, 9]);
        string output = temp.Combine("out.zarr");
        byte[] old = await TestArrays.CreateAsync(output, [3], [3], "|u1");

        (await CliRun.RunAsync("convert", input, output, "--overwrite")).AssertOneErrorLine();

        Assert.Equal(old, await TestArrays.ReadAllAsync(output));
        Assert.Equal([output], TestArrays.Leftovers(temp.Path, "out.zarr"));
    }

    [Fact]
    public async Task Convert_OverwriteRefusesFolderThatIsNotZarr()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [5, 5], [2, 2]);
        string output = temp.Combine("documents");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "thesis.tex"), "precious");

        string line = (await CliRun.RunAsync("convert", input, output, "--overwrite")).AssertOneErrorLine();

        Assert.Contains("not a Zarr array or group", line);
        Assert.True(File.Exists(Path.Combine(output, "thesis.tex")));
    }

    [Theory]
    [InlineData("in.zarr")]
    [InlineData("in.zarr/")]
    [InlineData("in.zarr/sub")]
    [InlineData(".")]
    public async Task Convert_RefusesOutputThatOverlapsInput(string relativeOutput)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        byte[] data = await TestArrays.CreateAsync(input, [5, 5], [2, 2]);

        string line = (await CliRun.RunAsync("convert", input, temp.Combine(relativeOutput), "--overwrite")).AssertOneErrorLine(exitCode: 2);

        Assert.Contains("INPUT", line);
        Assert.Equal(data, await TestArrays.ReadAllAsync(input));
        Assert.False(Directory.Exists(temp.Combine("in.zarr", "sub")));
    }

    [Fact]
    public async Task Convert_ChunksOfWrongRankNameTheExpectedRank()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [3, 5, 5], [1, 5, 5]);

        string line = (await CliRun.RunAsync("convert", input, temp.Combine("out.zarr"), "--chunks", "5,5")).AssertOneErrorLine(exitCode: 2);

        Assert.Contains("3 dimensions", line);
        Assert.Contains("give 3 comma-separated sizes", line);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")));
    }

    [Theory]
    [InlineData("--chunks", "4,x,4")]
    [InlineData("--chunks", "4,0,4")]
    [InlineData("--chunks", "4,-1,4")]
    [InlineData("--codec", "snappy")]
    [InlineData("--shuffle", "nibble")]
    [InlineData("--level", "high")]
    public async Task Convert_BadOptionValueIsUsageError(string option, string value)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [3, 5, 5], [1, 5, 5]);

        var result = await CliRun.RunAsync("convert", input, temp.Combine("out.zarr"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("tessera: error: ", result.StderrLines[0]);
        Assert.Contains(value, result.Stderr);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")));
    }

    [Theory]
    [InlineData("--codec", "zlib", "--level", "10")]
    [InlineData("--codec", "blosc-lz4", "--level", "-1")]
    [InlineData("--codec", "zstd", "--level", "23")]
    [InlineData("--codec", "lz4", "--level", "0")]
    [InlineData("--codec", "none", "--level", "1")]
    [InlineData("--codec", "zstd", "--shuffle", "bit")]
    public async Task Convert_OptionThatDoesNotFitTheCodecIsUsageError(string o1, string v1, string o2, string v2)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [3, 5, 5], [1, 5, 5]);

        string line = (await CliRun.RunAsync("convert", input, temp.Combine("out.zarr"), o1, v1, o2, v2)).AssertOneErrorLine(exitCode: 2);

        Assert.Contains(o2, line);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")));
    }

    [Fact]
    public async Task Convert_CancellationLeavesNoOutput()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [400, 64, 128], [1, 64, 128], "<u2", null);
        string output = temp.Combine("out.zarr");
        using var cancellation = new CancellationTokenSource();

        // Cancel as soon as the first output chunk exists in the staging folder, as Ctrl+C would mid-run.
        var watcher = Task.Run(async () =>
        {
            while (!cancellation.IsCancellationRequested)
            {
                if (Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).Any(f => f.Contains(".out.zarr.", StringComparison.Ordinal)))
                {
                    await cancellation.CancelAsync();
                }

                await Task.Delay(1);
            }
        });
        var result = await CliRun.RunAsync(cancellation.Token, "convert", input, output, "--codec", "gzip", "--level", "9");
        await cancellation.CancelAsync();
        await watcher;

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("tessera: cancelled.", Assert.Single(result.StderrLines));
        Assert.False(Directory.Exists(output));
        Assert.Empty(TestArrays.Leftovers(temp.Path, "out.zarr"));
    }

    private static async Task<JsonObject> ReadJsonAsync(string folder, string name) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, name)))!.AsObject();
}
