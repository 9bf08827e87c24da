using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr;

public sealed class ZarrGroupTests
{
    [Fact]
    public async Task ZarrGroup_ListsDirectMembersAndAttributes()
    {
        var store = new MemoryStore();
        var root = await ZarrGroup.CreateAsync(store, "");
        await root.WriteAttributesAsync(new JsonObject { ["description"] = "light sheet" });
        await ZarrArray.CreateAsync(store, "data", ZarrTestArrays.Metadata("<u2", [4, 4], [2, 2]));
        await ZarrArray.CreateAsync(store, "psf", ZarrTestArrays.Metadata("<f4", [3, 3], [3, 3]));
        await ZarrGroup.CreateAsync(store, "labels");
        await ZarrArray.CreateAsync(store, "labels/nuclei", ZarrTestArrays.Metadata("|u1", [4, 4], [4, 4]));

        var opened = (ZarrGroup)await ZarrNode.OpenAsync(store, "");
        var members = await opened.ListMembersAsync();
        Assert.Equal(
            [new ZarrMember("data", ZarrMemberKind.Array), new ZarrMember("labels", ZarrMemberKind.Group), new ZarrMember("psf", ZarrMemberKind.Array)],
            members);
        Assert.Equal("light sheet", (await opened.ReadAttributesAsync())["description"]!.GetValue<string>());

        var labels = (ZarrGroup)await ZarrNode.OpenAsync(store, "labels");
        Assert.Equal([new ZarrMember("nuclei", ZarrMemberKind.Array)], await labels.ListMembersAsync());
    }
}
