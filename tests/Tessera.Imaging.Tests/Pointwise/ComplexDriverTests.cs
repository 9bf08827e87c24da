using Tessera.Imaging.Pointwise;

namespace Tessera.Imaging.Tests.Pointwise;

public class ComplexDriverTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(37)]
    public void ComplexMultiply_MatchesScalarFormulaBitForBit(int count)
    {
        var rng = new Random(count);
        float[] a = Enumerable.Range(0, 2 * count).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        float[] b = Enumerable.Range(0, 2 * count).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        float[] product = (float[])a.Clone(), conjugate = (float[])a.Clone();
        ComplexDriver.InPlace(product, b, default(ComplexMultiplyOp));
        ComplexDriver.InPlace(conjugate, b, default(ComplexMultiplyConjugateOp));
        for (int k = 0; k < count; k++)
        {
            float ar = a[2 * k], ai = a[(2 * k) + 1], br = b[2 * k], bi = b[(2 * k) + 1];
            Assert.Equal((ar * br) - (ai * bi), product[2 * k]);
            Assert.Equal((ar * bi) + (ai * br), product[(2 * k) + 1]);
            Assert.Equal((ar * br) + (ai * bi), conjugate[2 * k]);
            Assert.Equal((ai * br) - (ar * bi), conjugate[(2 * k) + 1]);
        }
    }

    [Fact]
    public void BinaryDriver_RatioAddsEpsilonThenDivides()
    {
        float[] blurred = [0, 1, 2, 0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0];
        float[] observed = Enumerable.Range(0, blurred.Length).Select(i => (float)i).ToArray();
        float[] ratio = (float[])blurred.Clone();
        BinaryDriver.InPlace(ratio, observed, new RatioOp(1e-12f));
        for (int i = 0; i < ratio.Length; i++)
        {
            Assert.Equal(observed[i] / (blurred[i] + 1e-12f), ratio[i]);
        }

        Assert.Equal(0f, ratio[0]);   // 0 / (0 + ε) is 0, not NaN
    }
}
