using System.Text;
using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr.V3;

// Core spec "Group metadata" and "Node attributes": a v3 node's attributes live in its zarr.json.
public sealed class ZarrV3GroupTests
{
    [Fact]
    public async Task CreateAsyncV3_WritesAGroupZarrJsonWithTheAttributes()
    {
        var store = new MemoryStore();
        var attributes = new JsonObject { ["name"] = "plate", ["n"] = 3 };

        var group = await ZarrGroup.CreateAsync(store, "p.zarr", ZarrFormat.V3, attributes);
        attributes["name"] = "changed after the call";

        var document = JsonNode.Parse((await store.GetAsync("p.zarr/zarr.json"))!.Span);
        var expected = JsonNode.Parse("""{"zarr_format": 3, "node_type": "group", "attributes": {"name": "plate", "n": 3}}""");
        Assert.True(JsonNode.DeepEquals(expected, document), document!.ToJsonString());
        Assert.False(await store.ExistsAsync("p.zarr/.zgroup"));
        Assert.False(await store.ExistsAsync("p.zarr/.zattrs"));
        Assert.Equal(ZarrFormat.V3, group.Format);
        var reopened = await ZarrGroup.OpenAsync(store, "p.zarr");
        Assert.Equal(ZarrFormat.V3, reopened.Format);
        Assert.Equal("plate", (string)(await reopened.ReadAttributesAsync())["name"]!);
        Assert.IsType<ZarrGroup>(await ZarrNode.OpenAsync(store, "p.zarr"));
    }

    [Fact]
    public async Task ListMembersAsync_FindsV2AndV3ArraysAndGroups_AndSkipsOtherFolders()
    {
        var store = new MemoryStore();
        var root = await ZarrGroup.CreateAsync(store, "root", ZarrFormat.V3);
        await store.SetAsync("root/v2array/.zarray", Text("""{"zarr_format": 2}"""));
        await store.SetAsync("root/v2group/.zgroup", Text("""{"zarr_format": 2}"""));
        await store.SetAsync("root/v3array/zarr.json", V3TestData.ArrayDocument("[2]", "uint8", "[2]", "0", $"[{V3TestData.BytesLittle}]"));
        await store.SetAsync("root/v3array/c/0", new byte[] { 1, 2 });
        await ZarrGroup.CreateAsync(store, "root/v3group", ZarrFormat.V3);
        await store.SetAsync("root/notes/readme.txt", Text("not a node"));
        await store.SetAsync("root/loose.bin", new byte[] { 1 });

        var members = await root.ListMembersAsync();

        Assert.Equal(
            [
                new ZarrMember("v2array", ZarrMemberKind.Array), new ZarrMember("v2group", ZarrMemberKind.Group),
                new ZarrMember("v3array", ZarrMemberKind.Array), new ZarrMember("v3group", ZarrMemberKind.Group),
            ],
            members);
    }

    [Fact]
    public async Task WriteAttributesAsync_OnAV3Array_ReplacesOnlyTheAttributesOfZarrJson()
    {
        var store = new MemoryStore();
        byte[] original = V3TestData.ArrayDocument("[4, 2]", "int16", "[2, 2]", "-3", $"[{V3TestData.BytesBig}]", extra: """, "dimension_names": ["y", null]""");
        await store.SetAsync("a/zarr.json", original);
        var array = await ZarrArray.OpenAsync(store, "a");
        Assert.Empty(await array.ReadAttributesAsync());

        await array.WriteAttributesAsync(new JsonObject { ["units"] = "um", ["scale"] = new JsonArray(0.5, 0.25) });

        var written = JsonNode.Parse((await store.GetAsync("a/zarr.json"))!.Span)!.AsObject();
        var expected = JsonNode.Parse(original)!.AsObject();
        expected["attributes"] = new JsonObject { ["units"] = "um", ["scale"] = new JsonArray(0.5, 0.25) };
        Assert.True(JsonNode.DeepEquals(expected, written), written.ToJsonString());
        Assert.False(await store.ExistsAsync("a/.zattrs"));
        var reopened = await ZarrArray.OpenAsync(store, "a");
        Assert.Equal("um", (string)(await reopened.ReadAttributesAsync())["units"]!);
        Assert.Equal(["y", null], reopened.DimensionNames!);
        Assert.Equal("um", (string)reopened.V3Metadata!.Attributes["units"]!);
    }

    [Fact]
    public async Task WriteAttributesAsync_OnAV3Group_KeepsTheRestOfTheDocument()
    {
        var store = new MemoryStore();
        const string Original = """{"zarr_format": 3, "node_type": "group", "attributes": {"old": true}, "consolidated_metadata": {"kind": "inline", "must_understand": false, "metadata": {}}}""";
        await store.SetAsync("g/zarr.json", Text(Original));
        var group = await ZarrGroup.OpenAsync(store, "g");

        await group.WriteAttributesAsync(new JsonObject { ["new"] = 1 });

        var expected = JsonNode.Parse(Original)!;
        expected["attributes"] = new JsonObject { ["new"] = 1 };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse((await store.GetAsync("g/zarr.json"))!.Span)));
        Assert.Equal(1, (int)(await group.ReadAttributesAsync())["new"]!);
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
