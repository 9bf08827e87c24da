using System.Text.Json.Nodes;

namespace Tessera.Cli.Tests.Commands;

/// <summary>Every kind of bad input gives exit code 1 and one stderr line that names the offending file.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Info_NonexistentPath()
    {
        using var temp = new TempDirectory();
        string missing = temp.Combine("nope.zarr");

        string line = (await CliRun.RunAsync("info", missing)).AssertOneErrorLine();

        Assert.Contains(missing, line);
        Assert.Contains("does not exist", line);
    }

    [Fact]
    public async Task Info_FileInsteadOfFolder()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("data.tif");
        await File.WriteAllTextAsync(file, "not zarr");

        string line = (await CliRun.RunAsync("info", file)).AssertOneErrorLine();

        Assert.Contains(file, line);
    }

    [Fact]
    public async Task Info_MissingTiffFile_SaysSoAsTiff()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("stack.tif");

        string line = (await CliRun.RunAsync("info", file)).AssertOneErrorLine();

        Assert.Contains($"TIFF file '{file}' does not exist", line);
    }

    [Fact]
    public async Task Info_FolderThatIsNotZarr()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("plain");
        Directory.CreateDirectory(folder);

        string line = (await CliRun.RunAsync("info", folder, "--json")).AssertOneErrorLine();

        Assert.Contains(folder, line);
        Assert.Contains("is not a Zarr array or group", line);
    }

    [Fact]
    public async Task Info_MalformedZarrayJson()
    {
        using var temp = new TempDirectory();
        string folder = await WriteZarrayAsync(temp, "{\"zarr_format\": 2, \"shape\": [10,");

        string line = (await CliRun.RunAsync("info", folder)).AssertOneErrorLine();

        Assert.Contains(Path.Combine(folder, ".zarray"), line);
        Assert.Contains("not valid JSON", line);
    }

    [Fact]
    public async Task Info_UnknownCompressorId()
    {
        using var temp = new TempDirectory();
        string folder = await WriteZarrayAsync(temp, Zarray("<u2", "{\"id\": \"snappy9000\"}"));

        string line = (await CliRun.RunAsync("info", folder)).AssertOneErrorLine();

        Assert.Contains(Path.Combine(folder, ".zarray"), line);
        Assert.Contains("snappy9000", line);
    }

    [Fact]
    public async Task Info_UnsupportedDataType()
    {
        using var temp = new TempDirectory();
        string folder = await WriteZarrayAsync(temp, Zarray("<c16", "null"));

        string line = (await CliRun.RunAsync("info", folder)).AssertOneErrorLine();

        Assert.Contains(Path.Combine(folder, ".zarray"), line);
        Assert.Contains("<c16", line);
    }

    [Fact]
    public async Task Convert_NonexistentInput()
    {
        using var temp = new TempDirectory();
        string missing = temp.Combine("missing.zarr");

        string line = (await CliRun.RunAsync("convert", missing, temp.Combine("out.zarr"))).AssertOneErrorLine();

        Assert.Contains(missing, line);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")));
    }

    [Fact]
    public async Task Convert_GroupInput()
    {
        using var temp = new TempDirectory();
        string group = temp.Combine("g.zarr");
        await Tessera.Zarr.ZarrGroup.CreateAsync(new Tessera.Stores.FileSystemStore(group), "");

        string line = (await CliRun.RunAsync("convert", group, temp.Combine("out.zarr"))).AssertOneErrorLine();

        Assert.Contains(group, line);
        Assert.Contains("group", line);
    }

    public static TheoryData<string> Codecs => new() { "zlib", "gzip", "zstd", "lz4", "blosc" };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Convert_TruncatedChunkFailsAndLeavesNoOutput(string codec)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [4, 64, 64], [1, 64, 64], "<u2", CompressorFor(codec));
        string chunk = Path.Combine(input, "2.0.0");
        byte[] stored = await File.ReadAllBytesAsync(chunk);
        await File.WriteAllBytesAsync(chunk, stored[..(stored.Length / 2)]);
        string output = temp.Combine("out.zarr");

        string line = (await CliRun.RunAsync("convert", input, output, "--codec", "zstd")).AssertOneErrorLine();

        Assert.Contains(chunk, line);
        Assert.False(Directory.Exists(output));
        Assert.Empty(TestArrays.Leftovers(temp.Path, "out.zarr"));
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Convert_GarbageChunkFailsAndLeavesNoOutput(string codec)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        await TestArrays.CreateAsync(input, [4, 64, 64], [1, 64, 64], "<u2", CompressorFor(codec));
        string chunk = Path.Combine(input, "1.0.0");
        var garbage = new byte[(await File.ReadAllBytesAsync(chunk)).Length];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(chunk, garbage);
        string output = temp.Combine("out.zarr");

        string line = (await CliRun.RunAsync("convert", input, output)).AssertOneErrorLine();

        Assert.Contains(chunk, line);
        Assert.False(Directory.Exists(output));
        Assert.Empty(TestArrays.Leftovers(temp.Path, "out.zarr"));
    }

    [Fact]
    public async Task Convert_ChunkOfWrongDecodedSize()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("raw.zarr");
        await TestArrays.CreateAsync(input, [3, 10, 10], [1, 10, 10], "<f4");
        string chunk = Path.Combine(input, "1.0.0");
        await File.WriteAllBytesAsync(chunk, new byte[10 * 10 * 4 - 8]);
        string output = temp.Combine("out.zarr");

        string line = (await CliRun.RunAsync("convert", input, output, "--codec", "lz4")).AssertOneErrorLine();

        Assert.Contains(chunk, line);
        Assert.Contains("392 bytes", line);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Convert_MalformedZarrayJsonNamesFile()
    {
        using var temp = new TempDirectory();
        string folder = await WriteZarrayAsync(temp, "[1, 2");

        string line = (await CliRun.RunAsync("convert", folder, temp.Combine("out.zarr"))).AssertOneErrorLine();

        Assert.Contains(Path.Combine(folder, ".zarray"), line);
    }

    private static JsonObject? CompressorFor(string codec) => codec switch
    {
        "zlib" or "gzip" => new JsonObject { ["id"] = codec, ["level"] = 5 },
        "zstd" => TestArrays.Zstd(),
        "lz4" => new JsonObject { ["id"] = "lz4", ["acceleration"] = 1 },
        "blosc" => new JsonObject { ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 },
        _ => null,
    };

    private static string Zarray(string dtype, string compressor) =>
        $$"""{"zarr_format": 2, "shape": [10, 10], "chunks": [5, 5], "dtype": "{{dtype}}", "compressor": {{compressor}}, "fill_value": 0, "filters": null, "order": "C"}""";

    private static async Task<string> WriteZarrayAsync(TempDirectory temp, string zarray)
    {
        string folder = temp.Combine("bad.zarr");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ".zarray"), zarray);
        return folder;
    }
}
