using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.Imaging.Background;

namespace Tessera.Imaging.Tests.Background;

public sealed class BackgroundSubtractionTests
{
    [Fact]
    public void Subtract_RemovesTheLevelAndClipsAtZero()
    {
        float[] values = [.. Enumerable.Range(0, 37).Select(i => (i * 7.5f) - 20)];
        using var input = NDBuffer<float>.Allocate([1, 1, values.Length]);
        values.CopyTo(input.Span);

        using var output = (NDBuffer<float>)new BackgroundSubtraction(100).Execute([input], new(1, ["x"], CancellationToken.None));

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i] > 100 ? values[i] - 100 : 0, output.Span[i]);
        }
    }

    [Fact]
    public void Level_MustBeFiniteAndNotNegative_AndRoundTripsThroughParameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackgroundSubtraction(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackgroundSubtraction(float.NaN));
        var operation = new BackgroundSubtraction(99.5f);
        Assert.True(JsonNode.DeepEquals(operation.Parameters, BackgroundSubtraction.FromParameters(operation.Parameters).Parameters));
        Assert.Equal(99.5f, BackgroundSubtraction.FromParameters(operation.Parameters).Level);
    }
}
