using Tessera.Buffers;
using Tessera.Imaging.Intensity;

namespace Tessera.Imaging.Tests.Intensity;

public sealed class ScaleToUInt16Tests
{
    [Fact]
    public void Execute_ScalesRoundsHalvesAwayFromZeroClipsAndCounts()
    {
        float[] values = [0f, 1.25f, 2.5f, -3f, float.NaN, 40000f, 32767.5f, 70000f, 1e9f, 0.24f];
        using var input = NDBuffer<float>.Allocate([1, 2, 5]);
        values.CopyTo(input.Span);
        var operation = new ScaleToUInt16(2);

        using var output = (NDBuffer<ushort>)operation.Execute([input], new(1, ["x"], CancellationToken.None));

        Assert.Equal([0, 3, 5, 0, 0, 65535, 65535, 65535, 65535, 0], output.Span.ToArray());
        Assert.Equal(3, operation.ClippedHigh); // 32767.5 · 2 is 65535 exactly: in range.
        Assert.Equal(2, operation.ClippedLow);
        Assert.Equal(1e9, operation.Largest);
    }

    [Fact]
    public void Scale_MustBeFiniteAndPositive_AndRoundTripsThroughParameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaleToUInt16(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaleToUInt16(float.PositiveInfinity));
        Assert.Equal(0.25f, ScaleToUInt16.FromParameters(new ScaleToUInt16(0.25f).Parameters).Scale);
    }
}
