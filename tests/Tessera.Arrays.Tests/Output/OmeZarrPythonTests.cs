using System.Text.Json.Nodes;
using Tessera.Arrays.Output;
using Tessera.Arrays.Tests.Support;
using Tessera.Ngff;

namespace Tessera.Arrays.Tests.Output;

/// <summary>An OME-Zarr 0.4 image (Zarr v2) written by Tessera, read by Debian's zarr-python: metadata and every level's values.</summary>
public sealed class OmeZarrPythonTests : IDisposable
{
    private const string Script = """
        import json, sys
        import numpy as np
        import zarr
        group = zarr.open_group(sys.argv[1], mode="r")
        multiscales = group.attrs["multiscales"]
        levels = []
        for dataset in multiscales[0]["datasets"]:
            data = group[dataset["path"]][...]
            levels.append({"path": dataset["path"], "shape": list(data.shape), "dtype": str(data.dtype), "sum": float(data.astype(np.float64).sum())})
        print(json.dumps({"multiscales": multiscales, "levels": levels}))
        """;

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ZarrPython_ReadsTheImage_MetadataAndLevels()
    {
        int[] shape = [1, 2, 6, 20, 18];
        using var data = TestArrays.RandomUInt16(shape, seed: 9);
        var image = LazyArray.FromZarr(await TestArrays.WriteAsync(_folder.Combine("in"), data, [1, 1, 6, 20, 18]));
        NgffAxis[] axes = [NgffAxis.Time("t", "second"), NgffAxis.Channel("c"), NgffAxis.Space("z", "micrometer"), NgffAxis.Space("y", "micrometer"), NgffAxis.Space("x", "micrometer")];
        string output = _folder.Combine("image.ome.zarr");
        var result = await OmeZarrWriter.WriteAsync(image, output, new OmeZarrOptions { Axes = axes, Scale = [1, 1, 1, 0.5, 0.5], Levels = 3 });

        var report = JsonNode.Parse(ReferencePython.Run(Script, output))!;

        var multiscale = report["multiscales"]![0]!;
        Assert.Equal("0.4", multiscale["version"]!.GetValue<string>());
        Assert.Equal("t,c,z,y,x", string.Join(',', multiscale["axes"]!.AsArray().Select(a => a!["name"]!.GetValue<string>())));
        Assert.Equal("micrometer", multiscale["axes"]![4]!["unit"]!.GetValue<string>());
        var levels = report["levels"]!.AsArray();
        Assert.Equal(3, levels.Count);
        for (int k = 0; k < 3; k++)
        {
            using var ours = await TestArrays.ReadAllAsync<ushort>(Path.Combine(output, k.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(ours.Shape.ToArray().Select(s => (long)s), levels[k]!["shape"]!.AsArray().Select(s => s!.GetValue<long>()));
            Assert.Equal("uint16", levels[k]!["dtype"]!.GetValue<string>());
            Assert.Equal(ours.Span.ToArray().Sum(v => (double)v), levels[k]!["sum"]!.GetValue<double>());
            var scale = multiscale["datasets"]![k]!["coordinateTransformations"]![0]!["scale"]!.AsArray().Select(v => v!.GetValue<double>());
            Assert.Equal(result.Image.Multiscales[0].Datasets[k].Scale, scale);
        }
    }
}
