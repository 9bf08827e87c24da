using Tessera.Shapes;

namespace Tessera.Core.Tests.Shapes;

public class ShapeMathTests
{
    [Fact]
    public void Product_MultipliesSizes()
    {
        Assert.Equal(1, ShapeMath.Product(ReadOnlySpan<long>.Empty));
        Assert.Equal(1, ShapeMath.Product(ReadOnlySpan<int>.Empty));
        Assert.Equal(193, ShapeMath.Product([193L]));
        Assert.Equal(7 * 193 * 64, ShapeMath.Product([7, 193, 64]));
        Assert.Equal(7L * 193 * 64 * 1, ShapeMath.Product([7L, 193L, 64L, 1L]));
        Assert.Equal(0, ShapeMath.Product([7, 0, 64]));
        Assert.Equal(0, ShapeMath.Product([0L, long.MaxValue, 2L]));
        Assert.Equal(1L << 62, ShapeMath.Product([1 << 30, 1 << 30, 4]));
    }

    [Fact]
    public void Product_ThrowsOnOverflow()
    {
        Assert.Throws<OverflowException>(() => ShapeMath.Product([long.MaxValue, 2L]));
        Assert.Throws<OverflowException>(() => ShapeMath.Product([int.MaxValue, int.MaxValue, int.MaxValue]));
    }

    [Fact]
    public void CStrides_AndFStrides_MatchHandWorkedExample()
    {
        Assert.Equal([12L, 4L, 1L], ShapeMath.CStrides([2, 3, 4]));
        Assert.Equal([1L, 2L, 6L], ShapeMath.FStrides([2, 3, 4]));
        Assert.Empty(ShapeMath.CStrides([]));
        Assert.Empty(ShapeMath.FStrides([]));
        Assert.Equal([1L], ShapeMath.CStrides([193]));
        Assert.Equal([1L], ShapeMath.FStrides([193]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CStrides_AndFStrides_NumberElementsInOrder(int rank)
    {
        var random = new Random(rank);
        int[] sizes = [1, 2, 3, 7, 8, 13];
        for (int trial = 0; trial < 10; trial++)
        {
            var shape = new int[rank];
            for (int i = 0; i < rank; i++)
            {
                shape[i] = sizes[random.Next(sizes.Length)];
            }

            var c = ShapeMath.CStrides(shape);
            var f = ShapeMath.FStrides(shape);
            long n = ShapeMath.Product(shape);
            for (long linear = 0; linear < n; linear++)
            {
                // The C-order index of element number `linear`, and the F-order index, by division.
                long cOffset = 0;
                long fOffset = 0;
                long rest = linear;
                var cIndex = new long[rank];
                for (int i = rank - 1; i >= 0; i--)
                {
                    cIndex[i] = rest % shape[i];
                    rest /= shape[i];
                    cOffset += cIndex[i] * c[i];
                }

                rest = linear;
                for (int i = 0; i < rank; i++)
                {
                    fOffset += rest % shape[i] * f[i];
                    rest /= shape[i];
                }

                Assert.Equal(linear, cOffset);
                Assert.Equal(linear, fOffset);
            }
        }
    }

    [Fact]
    public void Format_WritesNumPyTuples()
    {
        Assert.Equal("()", ShapeMath.Format(ReadOnlySpan<long>.Empty));
        Assert.Equal("(193,)", ShapeMath.Format<int>([193]));
        Assert.Equal("(2, 64, 256)", ShapeMath.Format<long>([2, 64, 256]));
        Assert.Equal("(1, 0, 7)", ShapeMath.Format<int>([1, 0, 7]));
    }
}
