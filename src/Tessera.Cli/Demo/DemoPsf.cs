using Tessera.Buffers;

namespace Tessera.Cli.Demo;

/// <summary>
/// The demo's point spread function per channel: an anisotropic Gaussian, longer along z than in
/// (y, x) as a light-sheet microscope's is, and wider for longer wavelengths.
/// </summary>
internal static class DemoPsf
{
    /// <summary>Channel 0's standard deviations (z, y, x) in voxels: a typical light-sheet PSF sampled near Nyquist.</summary>
    public static readonly double[] BaseSigma = [2.5, 1.2, 1.2];

    /// <summary>
    /// The width ratio of consecutive channels: the PSF scales with the emission wavelength, and
    /// 1.18 is about 600 nm against 510 nm (a red and a green dye).
    /// </summary>
    public const double ChannelScale = 1.18;

    /// <summary>The standard deviations (z, y, x) in voxels of <paramref name="channel"/>'s PSF.</summary>
    public static double[] Sigma(int channel)
    {
        double scale = Math.Pow(ChannelScale, channel);
        return [BaseSigma[0] * scale, BaseSigma[1] * scale, BaseSigma[2] * scale];
    }

    /// <summary>
    /// The PSF of <paramref name="channel"/>: a Gaussian centred on voxel (k − 1) / 2 of each odd axis
    /// of <paramref name="shape"/>, normalised in float64 to sum 1 over the (truncated) box.
    /// </summary>
    /// <returns>A new pooled (z, y, x) buffer; dispose it.</returns>
    public static NDBuffer<float> Create(int[] shape, int channel)
    {
        double[] sigma = Sigma(channel);
        var profiles = new double[3][];
        for (int a = 0; a < 3; a++)
        {
            int centre = (shape[a] - 1) / 2;
            profiles[a] = new double[shape[a]];
            for (int i = 0; i < shape[a]; i++)
            {
                double d = (i - centre) / sigma[a];
                profiles[a][i] = Math.Exp(-0.5 * d * d);
            }
        }

        // Separable, so the sum is the product of the profiles' sums.
        double total = profiles[0].Sum() * profiles[1].Sum() * profiles[2].Sum();
        var psf = NDBuffer<float>.Allocate(shape, clear: false);
        var span = psf.Span;
        int k = 0;
        for (int z = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                double zy = profiles[0][z] * profiles[1][y] / total;
                for (int x = 0; x < shape[2]; x++)
                {
                    span[k++] = (float)(zy * profiles[2][x]);
                }
            }
        }

        return psf;
    }
}
