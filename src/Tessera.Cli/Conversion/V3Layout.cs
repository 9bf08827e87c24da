using System.Text.Json.Nodes;
using Tessera.Zarr.V3;

namespace Tessera.Cli.Conversion;

/// <summary>The v3 codec chain of an output array, sharded or not.</summary>
internal static class V3Layout
{
    /// <summary>
    /// <paramref name="codecs"/> as they are, or, with <paramref name="innerChunks"/>, one <c>sharding_indexed</c>
    /// codec applying them to each inner chunk (index at the end, little-endian with crc32c, as zarr-python writes it).
    /// </summary>
    public static IReadOnlyList<V3Codec> Chain(IReadOnlyList<V3Codec> codecs, int[]? innerChunks) => innerChunks is null
        ? codecs
        :
        [
            new V3Codec("sharding_indexed", new JsonObject
            {
                ["chunk_shape"] = new JsonArray([.. innerChunks.Select(c => (JsonNode)c)]),
                ["codecs"] = new JsonArray([.. codecs.Select(c => (JsonNode)c.ToJson())]),
                ["index_codecs"] = new JsonArray(
                    new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } },
                    new JsonObject { ["name"] = "crc32c" }),
                ["index_location"] = "end",
            }),
        ];
}
