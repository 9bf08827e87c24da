using System.Text.Json.Nodes;
using Tessera.DataTypes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Interop;

/// <summary>Consolidated metadata (<c>.zmetadata</c>) written by zarr-python and read by Tessera, and the reverse.</summary>
public sealed class ZarrPythonConsolidatedTests
{
    [Fact]
    public async Task ConsolidatedByZarrPython_OpensWithoutTheMemberFiles()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("c.zarr");
        ReferencePython.Run("""
            import sys, numpy as np, zarr
            g = zarr.open_group(sys.argv[1], mode="w")
            g.attrs["title"] = "beads"
            a = g.create_dataset("raw/data", shape=(3, 5), chunks=(2, 5), dtype="<u2")
            a[...] = np.arange(15, dtype="<u2").reshape(3, 5)
            a.attrs["unit"] = "counts"
            zarr.consolidate_metadata(sys.argv[1])
            """, root);

        // Remove a member's own metadata files: only the consolidated document can describe it now.
        File.Delete(Path.Combine(root, "raw", "data", ".zarray"));
        File.Delete(Path.Combine(root, "raw", ".zgroup"));
        var store = await ConsolidatedStore.OpenAsync(new FileSystemStore(root));
        var group = await ZarrGroup.OpenAsync(store, "");
        var members = await (await ZarrGroup.OpenAsync(store, "raw")).ListMembersAsync();
        var array = await ZarrArray.OpenAsync(store, "raw/data");
        var values = new byte[30];
        await array.ReadRegionAsync([0, 0], [3, 5], values);

        Assert.Equal("beads", (string)(await group.ReadAttributesAsync())["title"]!);
        Assert.Equal(new ZarrMember("data", ZarrMemberKind.Array), Assert.Single(members));
        Assert.Equal("counts", (string)(await array.ReadAttributesAsync())["unit"]!);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (ushort)i), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(values).ToArray());
    }

    [Fact]
    public async Task ConsolidatedByTessera_OpensWithZarrPythonOpenConsolidated()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("t.zarr");
        var files = new FileSystemStore(root);
        await ZarrGroup.CreateAsync(files, "");
        await ZarrGroup.CreateAsync(files, "raw");
        var metadata = new ZarrV2Metadata { Shape = [4, 3], Chunks = [2, 3], DataType = DataType.Parse("<f4"), FillValue = FillValue.Zero(DataType.Parse("<f4")) };
        var array = await ZarrArray.CreateAsync(files, "raw/data", metadata);
        await array.WriteAttributesAsync(new JsonObject { ["unit"] = "photons" });
        float[] values = [.. Enumerable.Range(0, 12).Select(i => i * 0.5f)];
        await array.WriteRegionAsync([0, 0], [4, 3], System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

        var store = await ConsolidatedStore.ConsolidateAsync(files);

        string report = ReferencePython.Run("""
            import sys, json, zarr
            g = zarr.open_consolidated(sys.argv[1], mode="r")
            a = g["raw/data"]
            print(json.dumps({"values": a[...].ravel().tolist(), "unit": a.attrs["unit"]}))
            """, root).Trim();
        var parsed = JsonNode.Parse(report)!;
        Assert.Equal([".zgroup", "raw/.zgroup", "raw/data/.zarray", "raw/data/.zattrs"], store.MetadataKeys);
        Assert.Equal(values.Select(v => (double)v), parsed["values"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("photons", (string)parsed["unit"]!);
    }
}
