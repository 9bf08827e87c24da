using System.Text.Json.Nodes;

namespace Tessera.Storage.Tests.Interop;

/// <summary>The matrix of layouts tested against zarr-python: every codec and shuffle, every dtype, both orders and separators, edge and missing chunks.</summary>
public static class ZarrInteropCases
{
    private static readonly long[] s_edgeShape = [13, 37, 29];
    private static readonly int[] s_edgeChunks = [5, 16, 10];

    /// <summary>Codecs Tessera decodes (all that numcodecs writes for the supported ids).</summary>
    public static IEnumerable<(string Name, JsonObject? Config)> DecodableCompressors()
    {
        yield return ("none", null);
        yield return ("zlib", new JsonObject { ["id"] = "zlib", ["level"] = 5 });
        yield return ("gzip", new JsonObject { ["id"] = "gzip", ["level"] = 5 });
        yield return ("zstd", new JsonObject { ["id"] = "zstd", ["level"] = 3 });
        yield return ("lz4", new JsonObject { ["id"] = "lz4", ["acceleration"] = 1 });
        foreach (string cname in new[] { "lz4", "lz4hc", "zstd", "zlib", "blosclz" })
        {
            for (int shuffle = 0; shuffle <= 2; shuffle++)
            {
                yield return ($"blosc-{cname}-s{shuffle}", Blosc(cname, shuffle));
            }
        }
    }

    /// <summary>Codecs Tessera encodes.</summary>
    public static IEnumerable<(string Name, JsonObject? Config)> EncodableCompressors()
    {
        yield return ("none", null);
        yield return ("zlib", new JsonObject { ["id"] = "zlib", ["level"] = 5 });
        yield return ("gzip", new JsonObject { ["id"] = "gzip", ["level"] = 5 });
        yield return ("zstd", new JsonObject { ["id"] = "zstd", ["level"] = 3 });
        yield return ("lz4", new JsonObject { ["id"] = "lz4", ["acceleration"] = 1 });
        foreach (string cname in new[] { "lz4", "zstd" })
        {
            for (int shuffle = 0; shuffle <= 2; shuffle++)
            {
                yield return ($"blosc-{cname}-s{shuffle}", Blosc(cname, shuffle));
            }
        }
    }

    /// <summary>Every case for a direction, given its codecs.</summary>
    public static IReadOnlyList<ZarrInteropCase> All(IEnumerable<(string Name, JsonObject? Config)> compressors)
    {
        var cases = new List<ZarrInteropCase>();

        // Every codec on the light-sheet layout: uint16 volumes with edge chunks on every axis.
        foreach (var (name, config) in compressors)
        {
            cases.Add(new($"codec-{name}-u2", "<u2", s_edgeShape, s_edgeChunks, config));
        }

        // Chunks large enough for Blosc to split them into many blocks plus a leftover block.
        foreach (var (name, config) in compressors.Where(c => c.Name.StartsWith("blosc-", StringComparison.Ordinal)))
        {
            cases.Add(new($"large-{name}", "<u2", [24, 200, 190], [24, 200, 190], config));
        }

        // Every dtype and both byte orders, through the most common compressor.
        var blosc = Blosc("lz4", 1);
        foreach (string dtype in new[] { "|u1", "|i1", "<u2", ">u2", "<i2", "<i4", ">i4", "<u4", "<i8", "<u8", "<f4", ">f4", "<f8", ">f8", "|b1" })
        {
            string safe = dtype.Replace("<", "le", StringComparison.Ordinal).Replace(">", "be", StringComparison.Ordinal).Replace("|", "na", StringComparison.Ordinal);
            cases.Add(new($"dtype-{safe}", dtype, s_edgeShape, s_edgeChunks, blosc));
            cases.Add(new($"dtype-{safe}-bitshuffle", dtype, [7, 193], [3, 64], Blosc("zstd", 2)));
        }

        // Orders, separators, odd ranks.
        cases.Add(new("order-F", "<u2", s_edgeShape, s_edgeChunks, blosc, Order: "F"));
        cases.Add(new("order-F-f8-zlib", "<f8", [9, 11], [4, 4], new JsonObject { ["id"] = "zlib", ["level"] = 1 }, Order: "F"));
        cases.Add(new("separator-slash", "<u2", s_edgeShape, s_edgeChunks, blosc, Separator: "/"));
        cases.Add(new("separator-slash-F", "<i4", s_edgeShape, s_edgeChunks, null, Order: "F", Separator: "/"));
        cases.Add(new("rank1-prime", "<f4", [257], [64], blosc));
        cases.Add(new("rank5-lightsheet", "<u2", [2, 3, 6, 20, 18], [1, 1, 6, 20, 18], blosc));
        cases.Add(new("one-chunk-bigger-than-array", "<u2", [5, 7], [8, 8], blosc));

        // Missing chunks read as the fill value.
        cases.Add(new("missing-fill-0", "<u2", s_edgeShape, s_edgeChunks, blosc, WrittenRows: 5));
        cases.Add(new("missing-fill-42", "<i2", s_edgeShape, s_edgeChunks, blosc, FillValue: 42, WrittenRows: 5));
        cases.Add(new("missing-fill-NaN", "<f4", s_edgeShape, s_edgeChunks, blosc, FillValue: "NaN", WrittenRows: 10));
        cases.Add(new("missing-fill-Infinity", "<f8", s_edgeShape, s_edgeChunks, null, FillValue: "Infinity", WrittenRows: 5));
        cases.Add(new("missing-fill--Infinity", ">f4", s_edgeShape, s_edgeChunks, blosc, FillValue: "-Infinity", WrittenRows: 5));
        cases.Add(new("missing-fill-1.5", "<f8", s_edgeShape, s_edgeChunks, Blosc("zstd", 2), FillValue: 1.5, WrittenRows: 5));
        cases.Add(new("missing-all", "<u2", [10, 10], [3, 3], blosc, FillValue: 7, WrittenRows: 0));
        return cases;
    }

    private static JsonObject Blosc(string cname, int shuffle) =>
        new() { ["id"] = "blosc", ["cname"] = cname, ["clevel"] = 5, ["shuffle"] = shuffle, ["blocksize"] = 0 };
}
