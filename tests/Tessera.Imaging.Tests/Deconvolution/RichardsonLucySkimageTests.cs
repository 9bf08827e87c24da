using Xunit.Abstractions;
using System.Runtime.InteropServices;
using Tessera.Imaging.Deconvolution;

namespace Tessera.Imaging.Tests.Deconvolution;

/// <summary>Tessera's RL against scikit-image's, run by Debian's python3-skimage as a process.</summary>
public class RichardsonLucySkimageTests(ITestOutputHelper output)
{
    private const string Script = """
        import sys
        import numpy as np
        from skimage.restoration import richardson_lucy
        img_path, img_shape, psf_path, psf_shape, iters, out_path = sys.argv[1:7]
        shape = tuple(int(s) for s in img_shape.split(','))
        pshape = tuple(int(s) for s in psf_shape.split(','))
        image = np.fromfile(img_path, dtype='<f4').reshape(shape)
        psf = np.fromfile(psf_path, dtype='<f4').reshape(pshape)
        out = richardson_lucy(image, psf, int(iters), clip=False)
        assert out.dtype == np.float32, out.dtype
        np.ascontiguousarray(out, dtype='<f4').tofile(out_path)
        """;

    [Theory]
    [InlineData(7, 5, 9)]   // odd
    [InlineData(6, 4, 8)]   // even: the mirrored PSF's centre moves by one voxel
    [InlineData(5, 6, 1)]   // mixed, and a singleton axis
    public void RichardsonLucy_MatchesScikitImageWithZeroPaddingAndHalfInit(int pz, int py, int px)
    {
        int[] shape = [24, 40, 36];
        int[] psfShape = [pz, py, px];
        const int Iterations = 10;
        using var image = TestVolumes.Blobs(shape, seed: 11);
        using var psf = TestVolumes.Psf(psfShape, 1.8, 1.0, 1.3);
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("image.f32"), image.Bytes.ToArray());
        File.WriteAllBytes(dir.Combine("psf.f32"), psf.Bytes.ToArray());
        ReferencePython.Run(Script, dir.Combine("image.f32"), string.Join(',', shape), dir.Combine("psf.f32"), string.Join(',', psfShape), Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), dir.Combine("out.f32"));
        float[] expected = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(dir.Combine("out.f32"))).ToArray();

        using var actual = RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions
        {
            Iterations = Iterations,
            PadMode = PadMode.Zero,
            InitialEstimate = InitialEstimate.Constant,
            InitialValue = 0.5f,
            Threads = 2,
        });

        double error = TestVolumes.RelativeL2(actual.Span, Array.ConvertAll(expected, v => (double)v));
        double changed = TestVolumes.RelativeL2(image.Span, Array.ConvertAll(expected, v => (double)v));
        output.WriteLine($"PSF {pz}x{py}x{px}: relative L2 {error:E3} against scikit-image; input vs scikit-image {changed:E3}");
        Assert.True(error <= 1e-4, $"relative L2 {error:E3} against scikit-image");

        // The comparison means something only if deconvolution changed the volume a lot.
        Assert.True(changed > 1e-2, $"scikit-image's output is only {changed:E3} from the input");
    }
}
