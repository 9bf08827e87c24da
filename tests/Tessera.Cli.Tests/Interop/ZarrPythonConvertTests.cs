using System.Text.Json.Nodes;

namespace Tessera.Cli.Tests.Interop;

/// <summary>
/// zarr-python writes the input, <c>tessera convert</c> re-encodes it, and zarr-python reads the output
/// and compares it with the input: the reference implementation, not Tessera, judges the result.
/// </summary>
public sealed class ZarrPythonConvertTests
{
    private const string Compare = """
        import json, sys, numpy as np, zarr
        a = zarr.open(sys.argv[1], mode="r")
        b = zarr.open(sys.argv[2], mode="r")
        x, y = a[...], b[...]
        assert x.dtype == y.dtype, (x.dtype, y.dtype)
        assert np.array_equal(x, y), "data differ"
        print(json.dumps({"compressor": b.compressor.get_config() if b.compressor else None,
                          "chunks": list(b.chunks), "order": b.order, "fill_value": np.asarray(b.fill_value).item() if b.fill_value is not None else None,
                          "attrs": b.attrs.asdict(), "separator": b._dimension_separator}))
        """;

    public static TheoryData<string> Codecs => new() { "none", "zlib", "gzip", "zstd", "lz4", "blosc-lz4", "blosc-zstd" };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Convert_ZarrPythonDefaultArray_ReadsBackInZarrPython(string codec)
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        ReferencePython.Run("""
            import sys, numpy as np, zarr
            rng = np.random.default_rng(42)
            data = (rng.normal(400, 60, size=(3, 50, 71)) + np.arange(71)).astype("uint16")
            z = zarr.open(sys.argv[1], mode="w", shape=data.shape, chunks=(2, 16, 32), dtype="<u2")
            z[...] = data
            z.attrs["description"] = "made by zarr-python"
            """, input);
        string output = temp.Combine("out.zarr");

        var result = await CliRun.RunAsync("convert", input, output, "--codec", codec);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = JsonNode.Parse(ReferencePython.Run(Compare, input, output))!;
        Assert.Equal(codec == "none" ? null : codec.Split('-')[0], (string?)report["compressor"]?["id"]);
        Assert.Equal("made by zarr-python", (string)report["attrs"]!["description"]!);
    }

    [Fact]
    public async Task Convert_FortranOrderNestedSparseArray_RechunksForZarrPython()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        ReferencePython.Run("""
            import sys, numpy as np, zarr, numcodecs
            store = zarr.NestedDirectoryStore(sys.argv[1])
            z = zarr.create(store=store, shape=(13, 29, 31), chunks=(4, 8, 16), dtype=">i4", order="F",
                            fill_value=-7, compressor=numcodecs.Zstd(level=3))
            rng = np.random.default_rng(3)
            z[0:5, :, :] = rng.integers(-1000, 1000, size=(5, 29, 31), dtype="int32")
            z[12, 28, 30] = 99
            """, input);
        string output = temp.Combine("out.zarr");

        var result = await CliRun.RunAsync("convert", input, output, "--codec", "blosc-zstd", "--shuffle", "bit", "--chunks", "5,7,31");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = JsonNode.Parse(ReferencePython.Run(Compare, input, output))!;
        Assert.Equal("[5,7,31]", report["chunks"]!.ToJsonString());
        Assert.Equal("F", (string)report["order"]!);
        Assert.Equal(-7, (int)report["fill_value"]!);
        Assert.Equal("/", (string)report["separator"]!);
        Assert.Equal(2, (int)report["compressor"]!["shuffle"]!);
    }

    [Fact]
    public async Task Info_MatchesZarrPythonMetadata()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("in.zarr");
        string expected = ReferencePython.Run("""
            import sys, json, numpy as np, zarr
            z = zarr.open(sys.argv[1], mode="w", shape=(5, 100, 33), chunks=(1, 64, 33), dtype="<f4", fill_value=float("nan"))
            z[0:2] = 1.5
            z.attrs["unit"] = "photons"
            print(json.dumps({"shape": list(z.shape), "chunks": list(z.chunks), "dtype": z.dtype.str,
                              "nchunks_initialized": z.nchunks_initialized, "compressor": z.compressor.get_config()}))
            """, input);
        var reference = JsonNode.Parse(expected)!;

        var result = await CliRun.RunAsync("info", input, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(reference["shape"]!.ToJsonString(), json["shape"]!.ToJsonString());
        Assert.Equal(reference["chunks"]!.ToJsonString(), json["chunks"]!.ToJsonString());
        Assert.Equal((string)reference["dtype"]!, (string)json["dtype"]!);
        Assert.Equal((long)reference["nchunks_initialized"]!, (long)json["chunks_stored"]!);
        Assert.True(JsonNode.DeepEquals(reference["compressor"], json["compressor"]));
        Assert.Equal("NaN", (string)json["fill_value"]!);
        Assert.Equal("photons", (string)json["attributes"]!["unit"]!);
    }
}
