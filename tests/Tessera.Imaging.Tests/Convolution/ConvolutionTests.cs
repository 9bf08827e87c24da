using System.Globalization;
using System.Runtime.InteropServices;
using Tessera.Buffers;
using Conv = Tessera.Imaging.Convolution.LinearConvolution;

namespace Tessera.Imaging.Tests.Convolution;

/// <summary>Convolution against a float64 direct sum and against scipy's <c>fftconvolve(mode='same')</c>.</summary>
public class ConvolutionTests
{
    private const string ScipyScript = """
        import sys
        import numpy as np
        from scipy.signal import fftconvolve
        img_path, img_shape, k_path, k_shape, out_path = sys.argv[1:6]
        shape = tuple(int(s) for s in img_shape.split(','))
        kshape = tuple(int(s) for s in k_shape.split(','))
        image = np.fromfile(img_path, dtype='<f4').reshape(shape).astype(np.float64)
        kernel = np.fromfile(k_path, dtype='<f4').reshape(kshape).astype(np.float64)
        out = fftconvolve(image, kernel, mode='same')
        assert out.shape == shape, out.shape
        np.ascontiguousarray(out, dtype='<f8').tofile(out_path)
        """;

    [Theory]
    [InlineData(3, 5, 3)]    // odd
    [InlineData(4, 2, 6)]    // even: the centre is the lower middle voxel
    [InlineData(1, 7, 4)]    // a singleton axis, mixed parity
    [InlineData(9, 3, 13)]   // larger than the image along z and x
    public void Convolve_MatchesDirectSum(int kz, int ky, int kx)
    {
        int[] shape = [7, 10, 11];
        using var image = TestVolumes.Blobs(shape, seed: 3, blobs: 4);
        using var kernel = RandomKernel([kz, ky, kx], seed: 5, signed: false);

        using var actual = Conv.Convolve(image, kernel);

        double error = TestVolumes.RelativeL2(actual.Span, DirectSame(image, kernel));
        Assert.True(error <= 2e-6, $"relative L2 {error:E3} against the float64 direct sum");
    }

    [Fact]
    public void Convolve_DoesNotNormaliseTheKernel()
    {
        // A kernel that sums to zero and has negative taps: a normalising convolution would fail or rescale.
        int[] shape = [6, 8, 9];
        using var image = TestVolumes.Blobs(shape, seed: 8, blobs: 3);
        using var kernel = RandomKernel([3, 4, 5], seed: 9, signed: true);
        double mean = 0;
        foreach (float v in kernel.Span)
        {
            mean += v;
        }

        mean /= kernel.Length;
        var k = kernel.Span;
        for (int i = 0; i < k.Length; i++)
        {
            k[i] = (float)(k[i] - mean);
        }

        using var actual = Conv.Convolve(image, kernel);

        double error = TestVolumes.RelativeL2(actual.Span, DirectSame(image, kernel));
        Assert.True(error <= 1e-5, $"relative L2 {error:E3} against the float64 direct sum");
    }

    [Fact]
    public void Convolve_PutsTheKernelCentreOnAnImpulse()
    {
        int[] shape = [9, 8, 10];
        using var image = NDBuffer<float>.Allocate(shape);
        image[4, 3, 5] = 2f;
        using var kernel = RandomKernel([3, 4, 2], seed: 1, signed: false);

        using var actual = Conv.Convolve(image, kernel);

        // out[i] = 2 · kernel[i − j + (k − 1) / 2] with j the impulse: centre (1, 1, 0) lands on (4, 3, 5).
        for (int z = 0; z < 3; z++)
        {
            for (int y = 0; y < 4; y++)
            {
                for (int x = 0; x < 2; x++)
                {
                    Assert.Equal(2f * kernel[z, y, x], actual[4 + z - 1, 3 + y - 1, 5 + x], 1e-5f);
                }
            }
        }

        Assert.Equal(2.0 * Sum(kernel.Span), Sum(actual.Span), 1e-5);
    }

    [Theory]
    [InlineData(24, 40, 36, 7, 5, 9)]
    [InlineData(13, 31, 17, 6, 4, 8)]
    public void Convolve_MatchesScipyFftconvolveSame(int nz, int ny, int nx, int kz, int ky, int kx)
    {
        int[] shape = [nz, ny, nx];
        int[] kshape = [kz, ky, kx];
        using var image = TestVolumes.Blobs(shape, seed: 21);
        using var kernel = TestVolumes.Psf(kshape, 1.8, 1.0, 1.3, total: 3.5);
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("image.f32"), image.Bytes.ToArray());
        File.WriteAllBytes(dir.Combine("kernel.f32"), kernel.Bytes.ToArray());
        ReferencePython.Run(ScipyScript, dir.Combine("image.f32"), Join(shape), dir.Combine("kernel.f32"), Join(kshape), dir.Combine("out.f64"));
        double[] expected = MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(dir.Combine("out.f64"))).ToArray();

        using var actual = Conv.Convolve(image, kernel, threads: 3);

        double error = TestVolumes.RelativeL2(actual.Span, expected);
        Assert.True(error <= 2e-6, $"relative L2 {error:E3} against scipy");
    }

    [Fact]
    public void Convolve_DoesNotDependOnThreads()
    {
        using var image = TestVolumes.Blobs([17, 12, 19], seed: 4, blobs: 5);
        using var kernel = TestVolumes.Psf([5, 3, 7], 1.5, 1.0, 2.0);

        using var one = Conv.Convolve(image, kernel, threads: 1);
        using var four = Conv.Convolve(image, kernel, threads: 4);

        Assert.True(one.Span.SequenceEqual(four.Span));
    }

    [Fact]
    public void Convolve_RejectsBadArguments()
    {
        using var image = NDBuffer<float>.Allocate([4, 5, 6]);
        using var flat = NDBuffer<float>.Allocate([5, 6]);
        using var kernel = NDBuffer<float>.Allocate([3, 3, 3]);

        Assert.Throws<ArgumentException>("image", () => Conv.Convolve(flat, kernel));
        Assert.Throws<ArgumentException>("kernel", () => Conv.Convolve(image, flat));
        Assert.Throws<ArgumentOutOfRangeException>("threads", () => Conv.Convolve(image, kernel, threads: 0));
    }

    private static NDBuffer<float> RandomKernel(int[] shape, int seed, bool signed)
    {
        var rng = new Random(seed);
        var b = NDBuffer<float>.Allocate(shape);
        var s = b.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (float)(signed ? (rng.NextDouble() * 2) - 1 : rng.NextDouble());
        }

        return b;
    }

    /// <summary>The definition: out[i] = Σ_j image[j] · kernel[i − j + (k − 1) / 2], zero outside.</summary>
    private static double[] DirectSame(NDBuffer<float> image, NDBuffer<float> kernel)
    {
        int[] n = image.Shape.ToArray(), k = kernel.Shape.ToArray();
        int[] c = [(k[0] - 1) / 2, (k[1] - 1) / 2, (k[2] - 1) / 2];
        var img = image.Span;
        var ker = kernel.Span;
        var result = new double[img.Length];
        for (int z = 0; z < n[0]; z++)
        {
            for (int y = 0; y < n[1]; y++)
            {
                for (int x = 0; x < n[2]; x++)
                {
                    double sum = 0;
                    for (int a = 0; a < k[0]; a++)
                    {
                        int jz = z + c[0] - a;
                        if ((uint)jz >= (uint)n[0])
                        {
                            continue;
                        }

                        for (int b = 0; b < k[1]; b++)
                        {
                            int jy = y + c[1] - b;
                            if ((uint)jy >= (uint)n[1])
                            {
                                continue;
                            }

                            for (int d = 0; d < k[2]; d++)
                            {
                                int jx = x + c[2] - d;
                                if ((uint)jx < (uint)n[2])
                                {
                                    sum += (double)img[(((jz * n[1]) + jy) * n[2]) + jx] * ker[(((a * k[1]) + b) * k[2]) + d];
                                }
                            }
                        }
                    }

                    result[(((z * n[1]) + y) * n[2]) + x] = sum;
                }
            }
        }

        return result;
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        return sum;
    }

    private static string Join(int[] shape) => string.Join(',', shape.Select(s => s.ToString(CultureInfo.InvariantCulture)));
}
