using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Tessera.DataTypes;

namespace Tessera.Core.Tests.DataTypes;

public class EndiannessTests
{
    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    [InlineData(2, 193)]
    [InlineData(4, 7)]
    [InlineData(4, 256)]
    [InlineData(8, 1)]
    [InlineData(8, 61)]
    public void SwapInPlace_ReversesEachElement(int itemSize, int count)
    {
        var random = new Random(itemSize * 1000 + count);
        var data = new byte[itemSize * count];
        random.NextBytes(data);
        var expected = NaiveSwap(data, itemSize);

        Endianness.SwapInPlace(data, itemSize);

        Assert.Equal(expected, data);
    }

    [Fact]
    public void SwapInPlace_WorksOnUnalignedSpans()
    {
        var random = new Random(17);
        var data = new byte[1 + (8 * 31)];
        random.NextBytes(data);
        var expected = data.AsSpan(1).ToArray();
        expected = NaiveSwap(expected, 8);

        Endianness.SwapInPlace(data.AsSpan(1), 8);

        Assert.Equal(expected, data.AsSpan(1).ToArray());
    }

    [Fact]
    public void SwapInPlace_TurnsBigEndianIntoNativeValues()
    {
        Assert.True(BitConverter.IsLittleEndian);
        uint[] values = [0, 1, 0x01020304, 0xDEADBEEF, uint.MaxValue, 193];
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(i * 4), values[i]);
        }

        Endianness.SwapInPlace(data, 4);

        Assert.Equal(values, MemoryMarshal.Cast<byte, uint>(data).ToArray());
    }

    [Fact]
    public void SwapInPlace_LeavesOneByteElementsAlone()
    {
        byte[] data = [1, 2, 3, 4, 5, 6, 7];

        Endianness.SwapInPlace(data, 1);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], data);
    }

    [Fact]
    public void SwapInPlace_TwiceRestoresData()
    {
        var random = new Random(3);
        var data = new byte[8 * 97];
        random.NextBytes(data);
        var original = (byte[])data.Clone();

        Endianness.SwapInPlace(data, 8);
        Endianness.SwapInPlace(data, 8);

        Assert.Equal(original, data);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(-2)]
    public void SwapInPlace_RejectsUnsupportedItemSize(int itemSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Endianness.SwapInPlace(new byte[48], itemSize));
    }

    [Theory]
    [InlineData(2, 7)]
    [InlineData(4, 13)]
    [InlineData(8, 4)]
    public void SwapInPlace_RejectsPartialElements(int itemSize, int length)
    {
        // A silently unswapped tail would corrupt data, so a partial element is an argument error.
        Assert.Throws<ArgumentException>(() => Endianness.SwapInPlace(new byte[length], itemSize));
    }

    private static byte[] NaiveSwap(byte[] data, int itemSize)
    {
        var result = new byte[data.Length];
        for (int element = 0; element < data.Length / itemSize; element++)
        {
            for (int b = 0; b < itemSize; b++)
            {
                result[(element * itemSize) + b] = data[(element * itemSize) + itemSize - 1 - b];
            }
        }

        return result;
    }
}
