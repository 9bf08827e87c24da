using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Tests.Commands;

/// <summary>
/// <c>tessera info</c> and <c>convert</c> on a Zarr v3 array whose one shard is 8 GiB decoded (larger than one .NET
/// array), as zarr-python writes light-sheet volumes; the shard file is written sparse, about 1 MiB.
/// </summary>
public sealed class LargeShardTests
{
    private const int InnerBytes = 16 * 64 * 64 * 2;
    private const int IndexBytes = 64 * 32 * 32 * 16;

    [Fact]
    public async Task Info_ShowsTheHugeShardsWithoutReadingThem()
    {
        using var temp = new TempDirectory();
        await WriteAsync(temp.Combine("big.zarr"), "[1024, 2048, 2048]");

        var table = await CliRun.RunAsync("info", temp.Combine("big.zarr"));
        var json = await CliRun.RunAsync("info", temp.Combine("big.zarr"), "--json");

        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("(1024, 2048, 2048) (stored unit), 8.0 GiB decoded", table.Stdout);
        Assert.Contains("read-only", table.Stdout);
        Assert.True(json.ExitCode == 0, json.Stderr);
        var node = JsonNode.Parse(json.Stdout)!;
        Assert.Equal("[16,64,64]", node["chunks"]!.ToJsonString());
        Assert.Equal("[1024,2048,2048]", node["shards"]!.ToJsonString());
        Assert.Equal(1, (int)node["chunks_stored"]!);
    }

    [Fact]
    public async Task Convert_ReadsTheInputByRegions_AndRefusesToKeepHugeShards()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("big.zarr");
        await WriteAsync(input, "[16, 64, 128]");

        var keep = await CliRun.RunAsync("convert", input, temp.Combine("v3.zarr"), "--format", "zarr3");
        var v2 = await CliRun.RunAsync("convert", input, temp.Combine("v2.zarr"), "--format", "zarr2");

        Assert.NotEqual(0, keep.ExitCode);
        Assert.Contains("larger than Tessera can write whole", keep.Stderr);
        Assert.Contains("--shards", keep.Stderr);
        Assert.True(v2.ExitCode == 0, v2.Stderr);
        var output = await ZarrArray.OpenAsync(temp.Combine("v2.zarr"));
        var read = new byte[16 * 64 * 128 * 2];
        await output.ReadRegionAsync([0, 0, 0], [16, 64, 128], read);
        Assert.Equal(Expected(), read);
    }

    // uint16 shards of [1024, 2048, 2048] in inner chunks of [16, 64, 64] (a grid of 64 × 32 × 32), index [bytes] at
    // the end; only inner chunk (0, 0, 1) is stored, holding 0, 1, 2, ...; the fill value is 7.
    private static async Task WriteAsync(string folder, string shape)
    {
        var store = new FileSystemStore(folder);
        await store.SetAsync("zarr.json", Encoding.UTF8.GetBytes($$$"""
            {
                "zarr_format": 3, "node_type": "array", "shape": {{{shape}}}, "data_type": "uint16",
                "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1024, 2048, 2048]}},
                "chunk_key_encoding": {"name": "default"}, "fill_value": 7,
                "codecs": [{"name": "sharding_indexed", "configuration": {"chunk_shape": [16, 64, 64],
                    "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}],
                    "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}], "index_location": "end"}}],
                "attributes": {}
            }
            """));
        var shard = new byte[InnerBytes + IndexBytes];
        for (int i = 0; i < InnerBytes / 2; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(shard.AsSpan(2 * i), (ushort)i);
        }

        var index = shard.AsSpan(InnerBytes);
        index.Fill(0xFF);
        BinaryPrimitives.WriteUInt64LittleEndian(index[16..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(index[24..], InnerBytes);
        await store.SetAsync("c/0/0/0", shard);
    }

    // The [16, 64, 128] array: x < 64 is fill, x >= 64 is inner chunk (0, 0, 1).
    private static byte[] Expected()
    {
        var bytes = new byte[16 * 64 * 128 * 2];
        for (int z = 0, n = 0; z < 16; z++)
        {
            for (int y = 0; y < 64; y++)
            {
                for (int x = 0; x < 128; x++, n++)
                {
                    ushort value = x < 64 ? (ushort)7 : (ushort)((((z * 64) + y) * 64) + x - 64);
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * n), value);
                }
            }
        }

        return bytes;
    }
}
