using Tessera.Imaging.Deconvolution;

namespace Tessera.Imaging.Tests.Deconvolution;

public class PaddingTests
{
    [Fact]
    public void Reflect_MatchesNumpyReflectForLongPads()
    {
        // numpy.pad(np.arange(4), 7, mode='reflect')
        int[] expected = [1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2];
        Assert.Equal(expected, Enumerable.Range(-7, 18).Select(i => Padding.Reflect(i, 4)).ToArray());
        Assert.Equal(0, Padding.Reflect(-5, 1));
    }

    [Fact]
    public void PadThenCrop_ReturnsTheVolumeExactly()
    {
        int[] shape = [3, 5, 7];
        using var image = TestVolumes.Blobs(shape, seed: 1, blobs: 2);
        var grid = new PaddedGrid(shape, [3, 4, 2]);
        foreach (PadMode mode in Enum.GetValues<PadMode>())
        {
            var padded = new float[grid.RealLength];
            Padding.Pad(image.Memory, padded, grid, mode, threads: 2);
            var back = new float[image.Length];
            Padding.Crop(padded, back, grid);
            Assert.Equal(image.Span.ToArray(), back);
        }
    }
}
