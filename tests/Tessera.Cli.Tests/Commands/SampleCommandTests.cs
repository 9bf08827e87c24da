using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Cli.Tests.Commands;

public sealed class SampleCommandTests
{
    [Fact]
    public async Task Sample_WritesSmallArrayWithAttributes()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("sample.zarr");

        var result = await CliRun.RunAsync("sample", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("wrote sample 'small' (2, 3, 32, 128, 128) uint16", result.Stdout);
        var array = await ZarrArray.OpenAsync(output);
        Assert.Equal([2, 3, 32, 128, 128], array.Shape.ToArray());
        Assert.Equal([1, 1, 32, 128, 128], array.ChunkShape.ToArray());
        Assert.Equal("<u2", array.DataType.TypeString);
        Assert.Equal("blosc", (string)array.V2Metadata!.Compressor!["id"]!);
        var attributes = await array.ReadAttributesAsync();
        Assert.Contains("light-sheet", (string)attributes["description"]!);
        Assert.Equal("small", (string)attributes["tessera_sample"]!["size"]!);
    }

    [Fact]
    public async Task Sample_IsDeterministic()
    {
        using var temp = new TempDirectory();

        Assert.Equal(0, (await CliRun.RunAsync("sample", temp.Combine("a.zarr"))).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("sample", temp.Combine("b.zarr"), "--size", "small")).ExitCode);

        Assert.Equal(await TestArrays.ReadAllAsync(temp.Combine("a.zarr")), await TestArrays.ReadAllAsync(temp.Combine("b.zarr")));
    }

    [Fact]
    public async Task Sample_ThenInfoThenConvert_RoundTrips()
    {
        using var temp = new TempDirectory();
        string sample = temp.Combine("sample.zarr");
        string converted = temp.Combine("converted.zarr");

        Assert.Equal(0, (await CliRun.RunAsync("sample", sample)).ExitCode);
        var info = JsonNode.Parse((await CliRun.RunAsync("info", sample, "--json")).Stdout)!;
        Assert.Equal(6, (long)info["chunks_stored"]!);
        Assert.Equal(0, (await CliRun.RunAsync("convert", sample, converted, "--codec", "zstd", "--chunks", "1,1,16,64,64")).ExitCode);

        Assert.Equal(await TestArrays.ReadAllAsync(sample), await TestArrays.ReadAllAsync(converted));
    }

    [Fact]
    public async Task Sample_RefusesExistingOutputUnlessOverwrite()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("sample.zarr");
        Assert.Equal(0, (await CliRun.RunAsync("sample", output)).ExitCode);

        (await CliRun.RunAsync("sample", output)).AssertOneErrorLine();
        Assert.Equal(0, (await CliRun.RunAsync("sample", output, "--overwrite")).ExitCode);
    }

    [Fact]
    public async Task Sample_UnknownSizeIsUsageError()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.RunAsync("sample", temp.Combine("s.zarr"), "--size", "huge");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("huge", result.StderrLines[0]);
    }
}
