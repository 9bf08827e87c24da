using System.Text.Json.Nodes;

namespace Tessera.Cli.Tests.Interop;

public sealed class ZarrPythonSampleTests
{
    [Fact]
    public async Task Sample_IsReadableByZarrPython()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("sample.zarr");

        var result = await CliRun.RunAsync("sample", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = JsonNode.Parse(ReferencePython.Run("""
            import sys, json, numpy as np, zarr
            z = zarr.open(sys.argv[1], mode="r")
            x = z[...]
            print(json.dumps({"shape": list(z.shape), "chunks": list(z.chunks), "dtype": z.dtype.str,
                              "compressor": z.compressor.get_config(), "min": int(x.min()), "max": int(x.max()),
                              "median": float(np.median(x)), "dims": z.attrs["_ARRAY_DIMENSIONS"]}))
            """, output))!;
        Assert.Equal("[2,3,32,128,128]", report["shape"]!.ToJsonString());
        Assert.Equal("[1,1,32,128,128]", report["chunks"]!.ToJsonString());
        Assert.Equal("<u2", (string)report["dtype"]!);
        Assert.Equal("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""", report["compressor"]!.ToJsonString());
        Assert.Equal("""["c","t","z","y","x"]""", report["dims"]!.ToJsonString());

        // Camera offset 100 plus background: the typical pixel is a dim background pixel; blobs are far brighter.
        Assert.InRange((double)report["median"]!, 110, 200);
        Assert.InRange((int)report["min"]!, 60, 110);
        Assert.True((int)report["max"]! > 1000);
    }
}
