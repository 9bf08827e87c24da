using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Storage.Tests.Stores;
using Tessera.Storage.Tests.Zarr.V3;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr;

/// <summary>
/// A v3-consolidated store (root "img" with a group zarr.json) passes the store conformance suite for keys outside
/// the root. The root's zarr.json is hidden from the inner store's listings only because the suite expects an
/// empty store to list nothing; reads and writes of it are untouched.
/// </summary>
public sealed class ConsolidatedStoreV3ConformanceTests : StoreConformanceTests<ConsolidatedStore>
{
    protected override ConsolidatedStore CreateStore()
    {
        var inner = new MemoryStore();
        inner.SetAsync("img/zarr.json", """{"zarr_format": 3, "node_type": "group", "attributes": {}}"""u8.ToArray()).AsTask().GetAwaiter().GetResult();
        var store = ConsolidatedStore.ConsolidateAsync(new HiddenRootStore(inner), "img").GetAwaiter().GetResult();
        Assert.Equal(ZarrFormat.V3, store.Format);
        return store;
    }

    /// <summary>Hides "img" and "img/zarr.json" from listings.</summary>
    private sealed class HiddenRootStore(IStore inner) : IStore
    {
        public StoreCapabilities Capabilities => inner.Capabilities;

        public string Describe(string key) => inner.Describe(key);

        public ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) => inner.GetAsync(key, range, cancellationToken);

        public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => inner.SetAsync(key, value, cancellationToken);

        public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

        public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (string key in inner.ListAsync(prefix, cancellationToken))
            {
                if (key != "img/zarr.json")
                {
                    yield return key;
                }
            }
        }

        public async IAsyncEnumerable<string> ListChildrenAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (string child in inner.ListChildrenAsync(folder, cancellationToken))
            {
                if (!(folder.Length == 0 && child == "img"))
                {
                    yield return child;
                }
            }
        }
    }
}

public sealed class ConsolidatedStoreV3Tests
{
    private static readonly string ArrayDoc = Encoding.UTF8.GetString(V3TestData.ArrayDocument("[4]", "uint8", "[2]", "0", $"[{V3TestData.BytesLittle}]"));

    [Fact]
    public async Task ConsolidateAsync_WritesInlineMetadataIntoTheRootZarrJson_SortedByDepthThenName()
    {
        var inner = new MemoryStore();
        await inner.SetAsync("root/zarr.json", Text("""{"zarr_format": 3, "node_type": "group", "attributes": {"title": "t"}}"""));
        await inner.SetAsync("root/b/zarr.json", Text(ArrayDoc));
        await inner.SetAsync("root/b/c/0", new byte[] { 1, 2 });
        await inner.SetAsync("root/a/zarr.json", Text("""{"zarr_format": 3, "node_type": "group", "attributes": {"k": 1}, "consolidated_metadata": {"kind": "inline", "must_understand": false, "metadata": {"x": {}}}}"""));
        await inner.SetAsync("root/a/x/zarr.json", Text(ArrayDoc));
        await inner.SetAsync("root/a/x/y/zarr.json", Text("""{"zarr_format": 3, "node_type": "group"}"""));
        await inner.SetAsync("root/A/zarr.json", Text("""{"zarr_format": 3, "node_type": "group"}"""));
        await inner.SetAsync("other/zarr.json", Text("""{"zarr_format": 3, "node_type": "group"}"""));

        var store = await ConsolidatedStore.ConsolidateAsync(inner, "root");

        var root = JsonNode.Parse((await inner.GetAsync("root/zarr.json"))!.Span)!.AsObject();
        var consolidated = root["consolidated_metadata"]!.AsObject();
        var metadata = consolidated["metadata"]!.AsObject();
        Assert.Equal(["A", "a", "b", "a/x", "a/x/y"], metadata.Select(e => e.Key));
        Assert.Equal(["kind", "must_understand", "metadata"], consolidated.Select(e => e.Key));
        Assert.Equal("inline", (string)consolidated["kind"]!);
        Assert.False((bool)consolidated["must_understand"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"zarr_format": 3, "node_type": "group", "attributes": {"k": 1}}"""), metadata["a"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ArrayDoc), metadata["a/x"]));
        Assert.Equal("t", (string)root["attributes"]!["title"]!);
        Assert.Equal(ZarrFormat.V3, store.Format);
        Assert.Equal(["A/zarr.json", "a/x/y/zarr.json", "a/x/zarr.json", "a/zarr.json", "b/zarr.json"], store.MetadataKeys);
        Assert.Null(root["consolidated_metadata"]!["metadata"]!["other"]);

        // The nested group's own file is left as it was; only its entry in the root document drops consolidated_metadata.
        Assert.NotNull(JsonNode.Parse((await inner.GetAsync("root/a/zarr.json"))!.Span)!["consolidated_metadata"]);
    }

    // A root zarr.json as zarr-python 3 writes it (consolidate_metadata): the children's documents exist only there.
    [Fact]
    public async Task OpenAsync_ReadsAZarrPython3RootDocument_WithoutTheChildrenFiles()
    {
        var inner = new MemoryStore();
        await inner.SetAsync("zarr.json", Text($$"""
            {
              "attributes": {"title": "from zarr-python"},
              "zarr_format": 3,
              "consolidated_metadata": {
                "kind": "inline",
                "must_understand": false,
                "metadata": {
                  "img": {{ArrayDoc.Replace("\"attributes\": {}", "\"attributes\": {\"units\": \"um\"}, \"storage_transformers\": []", StringComparison.Ordinal)}},
                  "grp": {"attributes": {"k": "v"}, "zarr_format": 3, "consolidated_metadata": null, "node_type": "group"},
                  "grp/inner": {"attributes": {}, "zarr_format": 3, "consolidated_metadata": null, "node_type": "group"}
                }
              },
              "node_type": "group"
            }
            """));
        await inner.SetAsync("img/c/0", new byte[] { 1, 2 });
        await inner.SetAsync("img/c/1", new byte[] { 3, 4 });
        var counting = new CountingStore(inner);

        var store = await ConsolidatedStore.OpenAsync(counting);
        counting.Clear();
        var array = await ZarrArray.OpenAsync(store, "img");
        var data = new byte[4];
        await array.ReadRegionAsync([0], [4], data);
        var group = await ZarrGroup.OpenAsync(store, "grp");
        var members = await (await ZarrGroup.OpenAsync(store, "")).ListMembersAsync();

        Assert.Equal(["grp/inner/zarr.json", "grp/zarr.json", "img/zarr.json"], store.MetadataKeys);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, data);
        Assert.Equal("um", (string)(await array.ReadAttributesAsync())["units"]!);
        Assert.Equal("v", (string)(await group.ReadAttributesAsync())["k"]!);
        Assert.Equal([new ZarrMember("grp", ZarrMemberKind.Group), new ZarrMember("img", ZarrMemberKind.Array)], members);
        Assert.Equal([new ZarrMember("inner", ZarrMemberKind.Group)], await group.ListMembersAsync());
        Assert.DoesNotContain(counting.Requests, r => r.Key.EndsWith("/zarr.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metadata_IsServedFromTheRootDocument_AfterTheFilesAreDeleted()
    {
        var inner = new MemoryStore();
        await ZarrGroup.CreateAsync(inner, "", ZarrFormat.V3);
        await inner.SetAsync("a/zarr.json", Text(ArrayDoc));
        await inner.SetAsync("a/c/1", new byte[] { 7, 8 });
        await ConsolidatedStore.ConsolidateAsync(inner);
        await inner.DeleteAsync("a/zarr.json");

        var store = await ConsolidatedStore.OpenAsync(inner);
        var array = await ZarrArray.OpenAsync(store, "a");
        var data = new byte[4];
        await array.ReadRegionAsync([0], [4], data);

        Assert.Equal(new byte[] { 0, 0, 7, 8 }, data);
        Assert.True(await store.ExistsAsync("a/zarr.json"));
        Assert.False(await inner.ExistsAsync("a/zarr.json"));
        Assert.IsType<ZarrArray>(await ZarrNode.OpenAsync(store, "a"));
    }

    [Fact]
    public async Task WritesThroughTheStore_UpdateBothTheFileAndTheRootDocument()
    {
        var inner = new MemoryStore();
        await ZarrGroup.CreateAsync(inner, "", ZarrFormat.V3, new JsonObject { ["root"] = 1 });
        await inner.SetAsync("a/zarr.json", Text(ArrayDoc));
        var store = await ConsolidatedStore.ConsolidateAsync(inner);

        var array = await ZarrArray.OpenAsync(store, "a");
        await array.WriteAttributesAsync(new JsonObject { ["units"] = "nm" });
        await ZarrGroup.CreateAsync(store, "g", ZarrFormat.V3, new JsonObject { ["made"] = "later" });
        await (await ZarrGroup.OpenAsync(store, "")).WriteAttributesAsync(new JsonObject { ["root"] = 2 });
        await store.SetAsync("zarr.json", Text("""{"zarr_format": 3, "node_type": "group", "attributes": {"root": 3}}"""));

        var root = JsonNode.Parse((await inner.GetAsync("zarr.json"))!.Span)!;
        Assert.Equal(3, (int)root["attributes"]!["root"]!);
        Assert.Equal("nm", (string)root["consolidated_metadata"]!["metadata"]!["a"]!["attributes"]!["units"]!);
        Assert.Equal("later", (string)root["consolidated_metadata"]!["metadata"]!["g"]!["attributes"]!["made"]!);
        Assert.Equal("nm", (string)JsonNode.Parse((await inner.GetAsync("a/zarr.json"))!.Span)!["attributes"]!["units"]!);
        var reopened = await ConsolidatedStore.OpenAsync(inner);
        Assert.Equal(["a/zarr.json", "g/zarr.json"], reopened.MetadataKeys);
        Assert.Equal("nm", (string)(await (await ZarrArray.OpenAsync(reopened, "a")).ReadAttributesAsync())["units"]!);
        Assert.Equal(3, (int)(await (await ZarrGroup.OpenAsync(reopened, "")).ReadAttributesAsync())["root"]!);
    }

    [Fact]
    public async Task DeletingAChildZarrJson_RemovesItFromTheRootDocument()
    {
        var inner = new MemoryStore();
        await ZarrGroup.CreateAsync(inner, "", ZarrFormat.V3);
        await inner.SetAsync("a/zarr.json", Text(ArrayDoc));
        var store = await ConsolidatedStore.ConsolidateAsync(inner);

        Assert.True(await store.DeleteAsync("a/zarr.json"));

        Assert.Empty((await ConsolidatedStore.OpenAsync(inner)).MetadataKeys);
        Assert.False(await store.ExistsAsync("a/zarr.json"));
    }

    [Theory]
    [InlineData("""{"zarr_format": 3, "node_type": "group"}""", "field 'consolidated_metadata' is absent")]
    [InlineData("""{"zarr_format": 3, "node_type": "group", "consolidated_metadata": {"kind": "external", "metadata": {}}}""", "consolidated_metadata.kind is \"external\"")]
    [InlineData("""{"zarr_format": 3, "node_type": "group", "consolidated_metadata": {"metadata": {}}}""", "consolidated_metadata.kind is absent")]
    [InlineData("""{"zarr_format": 3, "node_type": "group", "consolidated_metadata": {"kind": "inline", "metadata": []}}""", "consolidated_metadata.metadata is missing or not an object")]
    [InlineData("""{"zarr_format": 3, "node_type": "group", "consolidated_metadata": {"kind": "inline", "metadata": {"a": 3}}}""", "consolidated_metadata.metadata entry \"a\"")]
    [InlineData("""{"zarr_format": 3, "node_type": "group", "consolidated_metadata": {"kind": "inline", "metadata": {"../a": {}}}}""", "consolidated_metadata.metadata entry \"../a\"")]
    public async Task BadRootDocuments_AreRefusedNamingTheFileAndField(string document, string expected)
    {
        var inner = new MemoryStore();
        await inner.SetAsync("r/zarr.json", Text(document));

        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => ConsolidatedStore.OpenAsync(inner, "r"));

        Assert.Contains("memory://r/zarr.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
