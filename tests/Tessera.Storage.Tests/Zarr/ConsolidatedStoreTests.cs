using System.Text;
using System.Text.Json.Nodes;
using Tessera.Storage.Tests.Stores;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr;

/// <summary>The consolidated store passes the store conformance suite (its keys there are not metadata).</summary>
public sealed class ConsolidatedStoreConformanceTests : StoreConformanceTests<ConsolidatedStore>
{
    protected override ConsolidatedStore CreateStore() => ConsolidatedStore.ConsolidateAsync(new MemoryStore()).GetAwaiter().GetResult();
}

public sealed class ConsolidatedStoreTests
{
    [Fact]
    public async Task Metadata_IsServedFromTheDocument_EvenWhenTheUnderlyingFilesAreGone()
    {
        var inner = new MemoryStore();
        await inner.SetAsync("root/.zgroup", Json("""{"zarr_format": 2}"""));
        await inner.SetAsync("root/data/.zarray", Json("""{"zarr_format": 2, "shape": [4]}"""));
        await inner.SetAsync("root/data/.zattrs", Json("""{"units": "um"}"""));
        await inner.SetAsync("root/data/0", new byte[] { 1, 2, 3 });
        await inner.SetAsync("elsewhere/.zgroup", Json("""{"zarr_format": 2}"""));

        var consolidated = await ConsolidatedStore.ConsolidateAsync(inner, "root");
        await inner.DeleteAsync("root/data/.zarray");
        var reopened = await ConsolidatedStore.OpenAsync(inner, "root");

        Assert.Equal([".zgroup", "data/.zarray", "data/.zattrs"], consolidated.MetadataKeys);
        Assert.Equal([".zgroup", "data/.zarray", "data/.zattrs"], reopened.MetadataKeys);
        using var zarray = await reopened.GetAsync("root/data/.zarray");
        Assert.Equal(4, (int)JsonNode.Parse(zarray!.Span)!["shape"]![0]!);
        Assert.True(await reopened.ExistsAsync("root/data/.zarray"));
        Assert.False(await reopened.ExistsAsync("root/other/.zarray"));
        using var chunk = await reopened.GetAsync("root/data/0");
        Assert.Equal(new byte[] { 1, 2, 3 }, chunk!.Span.ToArray());
        Assert.Equal(["data"], await ToListAsync(reopened.ListChildrenAsync("root")).ContinueWith(t => t.Result.Where(c => c == "data").ToList()));
        var document = JsonNode.Parse((await inner.GetAsync("root/.zmetadata"))!.Span)!;
        Assert.Equal(1, (int)document["zarr_consolidated_format"]!);
        Assert.Null(document["metadata"]!["elsewhere/.zgroup"]);
    }

    [Fact]
    public async Task MetadataWritesAndDeletes_UpdateTheDocument()
    {
        var inner = new MemoryStore();
        var store = await ConsolidatedStore.ConsolidateAsync(inner);

        await store.SetAsync("a/.zarray", Json("""{"zarr_format": 2}"""));
        await store.SetAsync("a/.zattrs", Json("""{"x": 1}"""));
        await store.DeleteAsync("a/.zattrs");

        var reopened = await ConsolidatedStore.OpenAsync(inner);
        Assert.Equal(["a/.zarray"], reopened.MetadataKeys);
        Assert.True(await inner.ExistsAsync("a/.zarray"));
        Assert.False(await inner.ExistsAsync("a/.zattrs"));
    }

    [Fact]
    public async Task BadDocuments_AreRefusedNamingTheFileAndField()
    {
        var inner = new MemoryStore();
        var missing = await Assert.ThrowsAsync<ZarrFormatException>(() => ConsolidatedStore.OpenAsync(inner));
        await inner.SetAsync(".zmetadata", Json("""{"zarr_consolidated_format": 2, "metadata": {}}"""));
        var version = await Assert.ThrowsAsync<ZarrFormatException>(() => ConsolidatedStore.OpenAsync(inner));
        await inner.SetAsync(".zmetadata", Json("""{"zarr_consolidated_format": 1}"""));
        var noMetadata = await Assert.ThrowsAsync<ZarrFormatException>(() => ConsolidatedStore.OpenAsync(inner));
        await inner.SetAsync(".zmetadata", Json("""{"zarr_consolidated_format": 1, "metadata": {"data/0.0": {}}}"""));
        var chunkEntry = await Assert.ThrowsAsync<ZarrFormatException>(() => ConsolidatedStore.OpenAsync(inner));

        Assert.Contains("memory://.zmetadata' does not exist", missing.Message);
        Assert.Contains("zarr_consolidated_format is 2", version.Message);
        Assert.Contains("\"metadata\" field", noMetadata.Message);
        Assert.Contains("\"data/0.0\" is not a .zarray, .zgroup or .zattrs", chunkEntry.Message);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (string item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
