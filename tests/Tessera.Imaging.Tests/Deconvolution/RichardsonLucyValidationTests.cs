using Tessera.Buffers;
using Tessera.Imaging.Deconvolution;

namespace Tessera.Imaging.Tests.Deconvolution;

public class RichardsonLucyValidationTests
{
    private static NDBuffer<float> Volume(params int[] shape)
    {
        var b = NDBuffer<float>.Allocate(shape);
        b.Span.Fill(1);
        return b;
    }

    [Fact]
    public void RichardsonLucy_RejectsAPsfLargerThanTheVolume()
    {
        using var image = Volume(8, 8, 8);
        using var psf = Volume(3, 9, 3);
        var e = Assert.Throws<ArgumentException>(() => RichardsonLucy.Deconvolve(image, psf));
        Assert.Equal("psf", e.ParamName);
        Assert.Contains("larger than the volume", e.Message);
        Assert.Contains("axis y", e.Message);
    }

    [Fact]
    public void RichardsonLucy_RejectsRanksOtherThanThree()
    {
        using var image2d = Volume(8, 8);
        using var psf = Volume(3, 3, 3);
        var e = Assert.Throws<ArgumentException>(() => RichardsonLucy.Deconvolve(image2d, psf));
        Assert.Equal("image", e.ParamName);
        Assert.Contains("3-D", e.Message);

        using var image = Volume(8, 8, 8);
        using var psf4d = Volume(1, 3, 3, 3);
        e = Assert.Throws<ArgumentException>(() => RichardsonLucy.Deconvolve(image, psf4d));
        Assert.Equal("psf", e.ParamName);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void RichardsonLucy_RejectsAPsfWithoutAPositiveFiniteSum(float value)
    {
        using var image = Volume(8, 8, 8);
        using var psf = Volume(3, 3, 3);
        psf.Span.Fill(0);
        psf[1, 1, 1] = value;
        var e = Assert.Throws<ArgumentException>(() => RichardsonLucy.Deconvolve(image, psf));
        Assert.Equal("psf", e.ParamName);
        Assert.Contains("positive finite", e.Message);
    }

    [Fact]
    public void RichardsonLucy_RejectsBadOptions()
    {
        using var image = Volume(8, 8, 8);
        using var psf = Volume(3, 3, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions { Iterations = -1 }));
        Assert.Equal("Iterations", e.ParamName);
        Assert.Contains("at least 0", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions { Threads = 0 }));
        Assert.Equal("Threads", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions { Epsilon = -1e-3f }));
        Assert.Equal("Epsilon", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions { InitialEstimate = InitialEstimate.Constant, InitialValue = float.NaN }));
        Assert.Equal("InitialValue", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => RichardsonLucy.Deconvolve(image, psf, new RichardsonLucyOptions { PadMode = (PadMode)7 }));
        Assert.Equal("PadMode", e.ParamName);
    }

    [Fact]
    public void RichardsonLucy_RejectsAnImageOfAnotherShapeThanTheOtf()
    {
        using var psf = Volume(3, 3, 3);
        using var otf = OpticalTransfer.Create(psf, [8, 8, 8]);
        using var image = Volume(8, 8, 9);
        var e = Assert.Throws<ArgumentException>(() => RichardsonLucy.Deconvolve(image, otf));
        Assert.Equal("image", e.ParamName);
        Assert.Contains("(8, 8, 8)", e.Message);
    }

    [Fact]
    public void OpticalTransfer_RejectsEmptyAndHugeVolumeShapes()
    {
        using var psf = Volume(3, 3, 3);
        var e = Assert.Throws<ArgumentException>(() => OpticalTransfer.Create(psf, [8, 0, 8]));
        Assert.Equal("volumeShape", e.ParamName);
        Assert.Contains("empty axis y", e.Message);
        e = Assert.Throws<ArgumentException>(() => OpticalTransfer.Create(psf, [2048, 2048, 2048]));
        Assert.Equal("volumeShape", e.ParamName);
        Assert.Contains("in chunks", e.Message);
    }
}
