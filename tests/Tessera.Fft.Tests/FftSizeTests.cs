namespace Tessera.Fft.Tests;

public class FftSizeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(11, 12)]
    [InlineData(13, 14)]
    [InlineData(94, 96)]
    [InlineData(201, 210)]
    [InlineData(286, 288)]
    [InlineData(1021, 1024)]
    public void NextFast_ReturnsSmallestSmoothSize(int n, int expected) => Assert.Equal(expected, FftSize.NextFast(n));

    [Fact]
    public void NextFast_AgreesWithBruteForce()
    {
        for (int n = 1; n <= 2000; n++)
        {
            int m = FftSize.NextFast(n);
            Assert.True(m >= n && FftSize.IsFast(m));
            for (int k = n; k < m; k++)
            {
                Assert.False(FftSize.IsFast(k));
            }
        }
    }

    [Fact]
    public void NextFast_RejectsNonPositive()
    {
        Assert.ThrowsAny<ArgumentException>(() => FftSize.NextFast(0));
        Assert.ThrowsAny<ArgumentException>(() => FftSize.NextFast(-1));
    }
}
