using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Tessera.Cli.Demo;
using Tessera.Stores;

namespace Tessera.Cli.Tests.Demo;

public sealed class DemoDataSetTests
{
    /// <summary>Awkward small sizes, a PSF larger than the volume along y, everything in well under a second.</summary>
    private static readonly DemoSize Tiny = new("tiny", 2, 3, [9, 6, 17], [5, 7, 3], Beads: 5, Filaments: 2);

    [Fact]
    public void Psf_SumsToOnePeaksAtTheCentreAndIsWiderInZ()
    {
        var size = DemoSize.Small;
        for (int c = 0; c < size.Channels; c++)
        {
            using var psf = DemoDataSet.CreatePsf(size, c);
            double sum = 0;
            foreach (float v in psf.Span)
            {
                sum += v;
            }

            Assert.Equal(1.0, sum, 1e-5);
            Assert.Equal(psf.Span.ToArray().Max(), psf[7, 7, 7]);

            // One voxel off the centre: the z neighbour keeps more than the x neighbour (σz > σx).
            Assert.True(psf[8, 7, 7] > psf[7, 7, 8], $"channel {c}: z neighbour {psf[8, 7, 7]}, x neighbour {psf[7, 7, 8]}");
            Assert.Equal(psf[7, 8, 7], psf[7, 7, 8]);
        }

        // Channel 1's PSF is wider, so its peak is lower.
        using var psf0 = DemoDataSet.CreatePsf(size, 0);
        using var psf1 = DemoDataSet.CreatePsf(size, 1);
        Assert.True(psf1[7, 7, 7] < psf0[7, 7, 7]);
    }

    [Fact]
    public void Render_IsDeterministicAndIndependentOfThreadsAndOtherVolumes()
    {
        using var psf = DemoDataSet.CreatePsf(Tiny, 1);
        using var first = DemoDataSet.Render(Tiny, 1, 2, psf, threads: 1);
        using var other = DemoDataSet.Render(Tiny, 1, 0, psf);
        using var again = DemoDataSet.Render(Tiny, 1, 2, psf, threads: 3);

        Assert.True(first.Counts.Span.SequenceEqual(again.Counts.Span));
        Assert.True(first.Truth.Span.SequenceEqual(again.Truth.Span));
        Assert.False(first.Counts.Span.SequenceEqual(other.Counts.Span));
    }

    [Fact]
    public void Render_TruthHasBrightSparseObjectsOnALowBackground()
    {
        using var psf = DemoDataSet.CreatePsf(DemoSize.Small, 0);
        using var volume = DemoDataSet.Render(DemoSize.Small, 0, 0, psf, threads: 4);
        float[] sorted = volume.Truth.Span.ToArray();
        Array.Sort(sorted);

        double median = sorted[sorted.Length / 2];
        Assert.InRange(median, 0.5, DemoObject.BackgroundLevel * 1.7);
        Assert.True(sorted[^1] > 100 * median, $"brightest {sorted[^1]}, median {median}");

        // Sparse: under 2 % of the voxels hold objects well above the background.
        int bright = sorted.Count(v => v > 4 * DemoObject.BackgroundLevel);
        Assert.InRange(bright, 200, sorted.Length / 50);
    }

    [Fact]
    public void Render_CountsArePoissonAroundTheBlurredTruthPlusOffset()
    {
        // Residuals standardised by the model's σ = √(λ + read noise² + 1/12 for rounding) must have
        // mean 0 and variance 1, over bright and dim voxels alike.
        var size = new DemoSize("stats", 1, 1, [16, 64, 64], [7, 7, 7], Beads: 40, Filaments: 3);
        using var psf = DemoDataSet.CreatePsf(size, 0);
        using var volume = DemoDataSet.Render(size, 0, 0, psf);
        var counts = volume.Counts.Span;
        var blurred = volume.Blurred.Span;
        double sum = 0, sumSq = 0, excess = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double lambda = Math.Max(blurred[i], 0);
            double residual = counts[i] - DemoCamera.Offset - lambda;
            excess += residual;
            double r = residual / Math.Sqrt(lambda + (DemoCamera.ReadNoise * DemoCamera.ReadNoise) + (1.0 / 12));
            sum += r;
            sumSq += r * r;
        }

        int n = counts.Length;
        double mean = sum / n, variance = (sumSq / n) - (mean * mean);
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - (5 * Math.Sqrt(2.0 / n)), 1 + (5 * Math.Sqrt(2.0 / n)));
        Assert.InRange(excess / n, -0.1, 0.1); // counts ≈ blurred truth + offset on average, in counts
    }

    [Fact]
    public async Task WriteAsync_WritesTheSameBytesWhateverTheParallelism()
    {
        var serial = new MemoryStore();
        var parallel = new MemoryStore();

        await DemoDataSet.WriteAsync(serial, "", Tiny, parallelism: 1);
        await DemoDataSet.WriteAsync(parallel, "", Tiny, parallelism: 4);

        var keys = await ListAsync(serial);
        Assert.Equal(keys, await ListAsync(parallel));
        Assert.Contains(".zgroup", keys);
        Assert.Contains("data/1.2.0.0.0", keys);
        foreach (string key in keys)
        {
            using var a = await serial.GetAsync(key);
            using var b = await parallel.GetAsync(key);
            Assert.True(a!.Span.SequenceEqual(b!.Span), key);
        }
    }

    [Fact]
    public async Task WriteAsync_GroupIsReadByZarrPythonWithEqualValues()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("demo.zarr");
        int volumes = 0;
        await DemoDataSet.WriteAsync(new FileSystemStore(folder), "", Tiny, parallelism: 3, _ => Interlocked.Increment(ref volumes));
        Assert.Equal(Tiny.Channels * Tiny.Times, volumes);

        var report = JsonNode.Parse(ReferencePython.Run("""
            import sys, json, os, numpy as np, zarr
            g = zarr.open_group(sys.argv[1], mode="r")
            out = {"attrs": dict(g.attrs)}
            for name in ("data", "psf", "truth"):
                a = g[name]
                out[name] = {"shape": list(a.shape), "chunks": list(a.chunks), "dtype": a.dtype.str,
                             "compressor": a.compressor.get_config(), "dims": a.attrs["_ARRAY_DIMENSIONS"]}
                np.ascontiguousarray(a[...]).tofile(os.path.join(sys.argv[2], name + ".raw"))
            print(json.dumps(out))
            """, folder, temp.Path))!;

        const string Blosc = """{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""";
        Assert.Equal("[2,3,9,6,17]", report["data"]!["shape"]!.ToJsonString());
        Assert.Equal("[1,1,9,6,17]", report["data"]!["chunks"]!.ToJsonString());
        Assert.Equal("<u2", (string)report["data"]!["dtype"]!);
        Assert.Equal("[2,1,5,7,3]", report["psf"]!["shape"]!.ToJsonString());
        Assert.Equal("[1,1,5,7,3]", report["psf"]!["chunks"]!.ToJsonString());
        Assert.Equal("<f4", (string)report["psf"]!["dtype"]!);
        Assert.Equal("[2,3,9,6,17]", report["truth"]!["shape"]!.ToJsonString());
        Assert.Equal("<f4", (string)report["truth"]!["dtype"]!);
        foreach (string name in new[] { "data", "psf", "truth" })
        {
            Assert.Equal(Blosc, report[name]!["compressor"]!.ToJsonString());
        }

        Assert.Equal("""["c","t","z","y","x"]""", report["data"]!["dims"]!.ToJsonString());
        Assert.Equal("tiny", (string)report["attrs"]!["tessera_demo"]!["size"]!);
        Assert.Equal(DemoCamera.Offset, (int)report["attrs"]!["tessera_demo"]!["camera_offset"]!);

        // Values: what zarr-python decodes equals what Render makes, voxel for voxel.
        ushort[] data = MemoryMarshal.Cast<byte, ushort>(File.ReadAllBytes(temp.Combine("data.raw"))).ToArray();
        float[] truth = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(temp.Combine("truth.raw"))).ToArray();
        float[] psfs = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(temp.Combine("psf.raw"))).ToArray();
        int n = Tiny.VolumeLength;
        for (int c = 0; c < Tiny.Channels; c++)
        {
            using var psf = DemoDataSet.CreatePsf(Tiny, c);
            Assert.True(psf.Span.SequenceEqual(psfs.AsSpan(c * psf.Length, psf.Length)), $"psf {c}");
            for (int t = 0; t < Tiny.Times; t++)
            {
                using var volume = DemoDataSet.Render(Tiny, c, t, psf);
                int offset = ((c * Tiny.Times) + t) * n;
                Assert.True(volume.Counts.Span.SequenceEqual(data.AsSpan(offset, n)), $"data ({c}, {t})");
                Assert.True(volume.Truth.Span.SequenceEqual(truth.AsSpan(offset, n)), $"truth ({c}, {t})");
            }
        }
    }

    [Fact]
    public void Validate_RejectsEvenPsfAxes()
    {
        var size = Tiny with { PsfShape = [5, 6, 3] };
        Assert.Throws<ArgumentException>(size.Validate);
    }

    private static async Task<List<string>> ListAsync(MemoryStore store)
    {
        var keys = new List<string>();
        await foreach (string key in store.ListAsync(""))
        {
            keys.Add(key);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
