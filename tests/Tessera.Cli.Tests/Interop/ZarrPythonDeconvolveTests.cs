using System.Runtime.InteropServices;
using Tessera.Buffers;
using Tessera.Imaging.Deconvolution;

namespace Tessera.Cli.Tests.Interop;

/// <summary>
/// <c>tessera deconvolve</c> on a data set that zarr-python wrote, read back by zarr-python: the stored
/// volumes must equal Richardson–Lucy run in memory on each volume with its channel's PSF.
/// </summary>
public sealed class ZarrPythonDeconvolveTests
{
    private const string WriteDataSet = """
        import sys, numpy as np, zarr
        root = zarr.open_group(sys.argv[1], mode="w")
        rng = np.random.default_rng(7)
        data = (rng.poisson(40.0, size=(2, 3, 12, 20, 24)) + 100).astype("<u2")
        z = root.create_dataset("data", shape=data.shape, chunks=(1, 1, 12, 20, 24), dtype="<u2")
        z[...] = data
        g = np.exp(-0.5 * sum(a ** 2 for a in np.meshgrid(*[np.arange(n) - (n - 1) / 2 for n in (5, 5, 5)], indexing="ij")))
        psf = np.stack([g ** (1 + c) for c in range(2)])[:, None].astype("<f4")
        p = root.create_dataset("psf", shape=psf.shape, chunks=(1, 1, 5, 5, 5), dtype="<f4")
        p[...] = psf
        data.tofile(sys.argv[2])
        psf.tofile(sys.argv[3])
        """;

    [Fact]
    public async Task Deconvolve_OutputReadByZarrPython_EqualsInMemoryRichardsonLucyPerVolume()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("in.zarr");
        ReferencePython.Run(WriteDataSet, root, temp.Combine("data.u2"), temp.Combine("psf.f4"));
        string output = temp.Combine("out.zarr", "deconvolved");

        var result = await CliRun.RunAsync("deconvolve", Path.Combine(root, "data"), "--psf", Path.Combine(root, "psf"), "-o", output, "--iterations", "4");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("deconvolved 6 volume(s)", result.Stdout);
        string stored = temp.Combine("out.f4");
        string report = ReferencePython.Run("""
            import sys, zarr
            z = zarr.open(sys.argv[1], mode="r")
            z[...].astype("<f4").tofile(sys.argv[2])
            print(z.dtype.str, list(z.shape), list(z.chunks), z.compressor.codec_id, zarr.open_group(sys.argv[3], mode="r").attrs.asdict() is not None)
            """, output, stored, temp.Combine("out.zarr")).Trim();
        Assert.Equal("<f4 [2, 3, 12, 20, 24] [1, 1, 12, 20, 24] blosc True", report);

        var data = MemoryMarshal.Cast<byte, ushort>(File.ReadAllBytes(temp.Combine("data.u2")));
        var psfs = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(temp.Combine("psf.f4")));
        var actual = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(stored));
        int volume = 12 * 20 * 24, kernel = 125;
        for (int c = 0; c < 2; c++)
        {
            using var psf = NDBuffer<float>.Allocate([5, 5, 5]);
            psfs.Slice(c * kernel, kernel).CopyTo(psf.Span);
            for (int t = 0; t < 3; t++)
            {
                int offset = ((c * 3) + t) * volume;
                using var image = NDBuffer<float>.Allocate([12, 20, 24]);
                for (int i = 0; i < volume; i++)
                {
                    image.Span[i] = data[offset + i];
                }

                using var expected = RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions { Iterations = 4, Threads = 1 });
                Assert.True(expected.Span.SequenceEqual(actual.Slice(offset, volume)), $"Volume (c={c}, t={t}) differs from the in-memory result.");
            }
        }
    }
}
