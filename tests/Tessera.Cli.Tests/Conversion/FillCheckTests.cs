using System.Runtime.InteropServices;
using Tessera.Cli.Conversion;

namespace Tessera.Cli.Tests.Conversion;

public sealed class FillCheckTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void IsAllFill_DetectsOneDifferentElement(int itemSize)
    {
        var element = new byte[itemSize];
        element[^1] = 0x7F;
        var data = new byte[itemSize * 193];
        for (int i = 0; i < data.Length; i += itemSize)
        {
            element.CopyTo(data, i);
        }

        Assert.True(FillCheck.IsAllFill(data, element));
        data[itemSize * 101] ^= 1;
        Assert.False(FillCheck.IsAllFill(data, element));
    }

    [Fact]
    public void IsAllFill_ComparesNaNBitwise()
    {
        float[] values = [float.NaN, float.NaN, float.NaN];
        byte[] nan = BitConverter.GetBytes(float.NaN);

        Assert.True(FillCheck.IsAllFill(MemoryMarshal.AsBytes(values.AsSpan()), nan));
    }
}
