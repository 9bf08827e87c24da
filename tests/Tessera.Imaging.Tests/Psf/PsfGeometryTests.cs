using Tessera.Imaging.Psf;

namespace Tessera.Imaging.Tests.Psf;

public class PsfGeometryTests
{
    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(2, 0, 1)]
    [InlineData(5, 2, 0)]
    [InlineData(6, 2, 1)]
    [InlineData(31, 15, 0)]
    public void PsfGeometry_CentresAsScipySameModeDoes(int k, int centre, int shift)
    {
        // scipy.signal.convolve(x, psf, 'same') crops 'full' from (k − 1) // 2; the mirrored
        // PSF's crop start is the same, i.e. the original's k // 2.
        Assert.Equal(centre, PsfGeometry.Centre(k));
        Assert.Equal(shift, PsfGeometry.BackProjectionShift(k));
    }
}
