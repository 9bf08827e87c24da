using Tessera.Fft;
using Tessera.Imaging.Psf;

namespace Tessera.Imaging.Deconvolution;

/// <summary>
/// Where a volume sits in its padded FFT grid: per axis (z, y, x) the volume length N, the padded
/// length P = NextFast(N + K − 1) (enough that circular convolution with a K-voxel PSF never
/// wraps a voxel of the volume onto another), the offset (P − N) / 2 of the first volume voxel
/// (padding split evenly, the extra voxel after), and the back-projection shift of the PSF.
/// </summary>
internal sealed class PaddedGrid
{
    public PaddedGrid(ReadOnlySpan<int> volume, ReadOnlySpan<int> psf)
    {
        Volume = volume.ToArray();
        Psf = psf.ToArray();
        Padded = new int[3];
        Offset = new int[3];
        Shift = new int[3];
        for (int a = 0; a < 3; a++)
        {
            Padded[a] = FftSize.NextFast(volume[a] + psf[a] - 1);
            Offset[a] = (Padded[a] - volume[a]) / 2;
            Shift[a] = PsfGeometry.BackProjectionShift(psf[a]);
        }

        PlaneLength = Padded[1] * Padded[2];
        RealLength = Padded[0] * PlaneLength;
        SpectrumFloats = 2 * NdFft.SpectrumLength(Padded);
    }

    public int[] Volume { get; }

    public int[] Psf { get; }

    public int[] Padded { get; }

    public int[] Offset { get; }

    public int[] Shift { get; }

    /// <summary>Floats in one padded z-plane.</summary>
    public int PlaneLength { get; }

    /// <summary>Floats in one padded real volume.</summary>
    public int RealLength { get; }

    /// <summary>Floats (2 per complex value) in the half spectrum of the padded volume.</summary>
    public int SpectrumFloats { get; }

    /// <summary>Whether padded index <paramref name="p"/> along <paramref name="axis"/> lies inside the volume.</summary>
    public bool Inside(int axis, int p) => p >= Offset[axis] && p < Offset[axis] + Volume[axis];
}
