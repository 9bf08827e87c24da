using System.Text.Json.Nodes;

namespace Tessera.Cli.Tests.Commands;

/// <summary><c>tessera info</c> on Zarr v3 sharded arrays and OME-Zarr images.</summary>
public sealed class InfoFormatTests
{
    [Fact]
    public async Task Info_ShowsShardsOfAV3Array()
    {
        using var temp = new TempDirectory();
        await TestArrays.CreateAsync(temp.Combine("in"), [4, 30, 30], [1, 10, 10]);
        Assert.Equal(0, (await CliRun.RunAsync("convert", temp.Combine("in"), temp.Combine("v3"), "--format", "zarr3", "--chunks", "1,10,10", "--shards", "2,30,30")).ExitCode);

        var table = await CliRun.RunAsync("info", temp.Combine("v3"));
        var json = JsonNode.Parse((await CliRun.RunAsync("info", temp.Combine("v3"), "--json")).Stdout)!;

        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("(2, 30, 30) (stored unit)", table.Stdout);
        Assert.Equal("[1,10,10]", json["chunks"]!.ToJsonString());
        Assert.Equal("[2,30,30]", json["shards"]!.ToJsonString());
        Assert.Equal(2, (int)json["chunks_stored"]!);
    }

    [Fact]
    public async Task Info_DescribesAnOmeZarrImage()
    {
        using var temp = new TempDirectory();
        await TestArrays.CreateAsync(temp.Combine("in"), [2, 4, 40, 40], [1, 4, 40, 40]);
        var convert = await CliRun.RunAsync("convert", temp.Combine("in"), temp.Combine("image"), "--format", "ome-zarr", "--axes", "c,z,y,x", "--voxel-size", "2,0.5,0.5", "--levels", "2");
        Assert.True(convert.ExitCode == 0, convert.Stderr);

        var table = await CliRun.RunAsync("info", temp.Combine("image"));
        var json = JsonNode.Parse((await CliRun.RunAsync("info", temp.Combine("image"), "--json")).Stdout)!;

        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("OME-NGFF 0.4 image, 2 level(s)", table.Stdout);
        Assert.Contains("0.5 micrometer", table.Stdout);
        Assert.Contains("(1, 2, 1, 1)", table.Stdout);
        var ome = json["ome"]!;
        Assert.Equal("0.4", (string?)ome["version"]);
        Assert.Equal("""[{"name":"c","type":"channel","unit":null},{"name":"z","type":"space","unit":"micrometer"},{"name":"y","type":"space","unit":"micrometer"},{"name":"x","type":"space","unit":"micrometer"}]""", ome["axes"]!.ToJsonString());
        Assert.Equal("""{"size":2,"unit":"micrometer"}""", ome["voxel_size"]!["z"]!.ToJsonString());
        Assert.Equal("[2,4,20,20]", ome["levels"]![1]!["shape"]!.ToJsonString());
        Assert.Equal("[1,2,1,1]", ome["levels"]![1]!["scale"]!.ToJsonString());
        Assert.Equal("[0,0,0.25,0.25]", ome["levels"]![1]!["translation"]!.ToJsonString());
        Assert.Equal("[1,4,40,40]", ome["levels"]![0]!["chunks"]!.ToJsonString());
    }
}
