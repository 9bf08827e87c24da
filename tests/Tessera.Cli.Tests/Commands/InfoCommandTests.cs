using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Tests.Commands;

public sealed class InfoCommandTests
{
    [Fact]
    public async Task InfoJson_DescribesArray()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("a.zarr");
        var attributes = new JsonObject { ["description"] = "test <array>", ["pixel_size_um"] = 0.1 };
        await TestArrays.CreateAsync(folder, [7, 193, 10], [3, 64, 10], "<i4", TestArrays.Zstd(), JsonValue.Create(-1), MemoryOrder.F, '/', attributes);
        File.Delete(Path.Combine(folder, "0", "0", "0")); // One chunk never written.

        var result = await CliRun.RunAsync("info", folder, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var json = Assert.IsType<JsonObject>(JsonNode.Parse(result.Stdout));
        Assert.Equal(2, (int)json["zarr_format"]!);
        Assert.Equal("array", (string)json["node_type"]!);
        Assert.Equal("[7,193,10]", json["shape"]!.ToJsonString());
        Assert.Equal("<i4", (string)json["dtype"]!);
        Assert.Equal("int32", (string)json["dtype_name"]!);
        Assert.Equal("[3,64,10]", json["chunks"]!.ToJsonString());
        Assert.Equal("[3,4,1]", json["chunk_grid"]!.ToJsonString());
        Assert.Equal(12, (long)json["chunk_count"]!);
        Assert.Equal(11, (long)json["chunks_stored"]!);
        Assert.Equal(7 * 193 * 10 * 4, (long)json["decoded_bytes"]!);
        Assert.Equal("F", (string)json["order"]!);
        Assert.Equal("/", (string)json["dimension_separator"]!);
        Assert.True(JsonNode.DeepEquals(TestArrays.Zstd(), json["compressor"]));
        Assert.Equal(-1, (int)json["fill_value"]!);
        Assert.True(JsonNode.DeepEquals(attributes, json["attributes"]));
        Assert.Equal(Path.GetFullPath(folder), (string)json["path"]!);
    }

    [Fact]
    public async Task InfoJson_ReportsNullCompressorAndFillValue()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("raw.zarr");
        var metadata = new ZarrV2Metadata
        {
            Shape = [5],
            Chunks = [5],
            DataType = Tessera.DataTypes.DataType.Parse("<f8"),
            FillValue = FillValue.Parse(null, Tessera.DataTypes.DataType.Parse("<f8")),
        };
        await ZarrArray.CreateAsync(new FileSystemStore(folder), "", metadata);

        var json = JsonNode.Parse((await CliRun.RunAsync("info", "--json", folder)).Stdout)!.AsObject();

        Assert.True(json.ContainsKey("compressor"));
        Assert.Null(json["compressor"]);
        Assert.True(json.ContainsKey("fill_value"));
        Assert.Null(json["fill_value"]);
        Assert.Equal(0, (long)json["chunks_stored"]!);
        Assert.Equal("{}", json["attributes"]!.ToJsonString());
    }

    [Fact]
    public async Task InfoJson_DescribesGroupAndMembers()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("g.zarr");
        var store = new FileSystemStore(root);
        var group = await ZarrGroup.CreateAsync(store, "");
        await group.WriteAttributesAsync(new JsonObject { ["multiscales"] = new JsonArray() });
        await TestArrays.CreateAsync(Path.Combine(root, "raw"), [4, 30, 31], [1, 30, 31], "<u2", TestArrays.Zstd());
        await TestArrays.CreateAsync(Path.Combine(root, "labels"), [30, 31], [16, 16], "|u1");
        await ZarrGroup.CreateAsync(store, "nested");

        var result = await CliRun.RunAsync("info", root, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("group", (string)json["node_type"]!);
        Assert.Equal(2, (int)json["zarr_format"]!);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["multiscales"] = new JsonArray() }, json["attributes"]));
        var members = json["members"]!.AsArray().Select(m => m!.AsObject()).ToList();
        Assert.Equal(["labels", "nested", "raw"], members.Select(m => (string)m["name"]!));
        Assert.Equal(["array", "group", "array"], members.Select(m => (string)m["node_type"]!));
        Assert.Equal("[4,30,31]", members[2]["shape"]!.ToJsonString());
        Assert.Equal("<u2", (string)members[2]["dtype"]!);
        Assert.Equal("[1,30,31]", members[2]["chunks"]!.ToJsonString());
        Assert.Equal("|u1", (string)members[0]["dtype"]!);
    }

    [Fact]
    public async Task InfoJson_ListsUnreadableMemberWithItsError()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("g.zarr");
        await ZarrGroup.CreateAsync(new FileSystemStore(root), "");
        Directory.CreateDirectory(Path.Combine(root, "broken"));
        await File.WriteAllTextAsync(Path.Combine(root, "broken", ".zarray"), "{ not json");

        var result = await CliRun.RunAsync("info", root, "--json");

        Assert.Equal(0, result.ExitCode);
        var member = Assert.Single(JsonNode.Parse(result.Stdout)!["members"]!.AsArray())!;
        Assert.Equal("broken", (string)member["name"]!);
        Assert.Contains(Path.Combine(root, "broken", ".zarray"), (string)member["error"]!);
    }

    [Fact]
    public async Task Info_PrintsTableForArray()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("a.zarr");
        await TestArrays.CreateAsync(folder, [2, 100, 100], [1, 64, 64], "<u2", TestArrays.Zstd(5), attributes: new JsonObject { ["note"] = "hello" });

        var result = await CliRun.RunAsync("info", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("Zarr v2 array", result.Stdout);
        Assert.Contains("(2, 100, 100)", result.Stdout);
        Assert.Contains("<u2 (uint16)", result.Stdout);
        Assert.Contains("(2, 2, 2) = 8 chunks", result.Stdout);
        Assert.Contains("8 of 8", result.Stdout);
        Assert.Contains("zstd (level=5)", result.Stdout);
        Assert.Contains("\"note\": \"hello\"", result.Stdout);
        Assert.DoesNotContain("\u001b[", result.Stdout); // No escape codes when not a terminal.
    }

    [Fact]
    public async Task Info_PrintsTableForGroup()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("g.zarr");
        await ZarrGroup.CreateAsync(new FileSystemStore(root), "");
        await TestArrays.CreateAsync(Path.Combine(root, "data"), [3, 9], [2, 4], "<f4");

        var result = await CliRun.RunAsync("info", root);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Zarr v2 group", result.Stdout);
        Assert.Contains("data", result.Stdout);
        Assert.Contains("<f4 (float32)", result.Stdout);
        Assert.Contains("attributes: none", result.Stdout);
    }
}
