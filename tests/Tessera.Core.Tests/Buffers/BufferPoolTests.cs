using Tessera.Buffers;

namespace Tessera.Core.Tests.Buffers;

public sealed class BufferPoolTests
{
    [Fact]
    public async Task LargeArrayReturnedOnOneThread_IsRentedAgainOnAnother()
    {
        // The shared pool would keep it in the returning thread's own slot, out of reach of other threads.
        var first = await Task.Run(() => BufferPool.Rent<long>(600_000));
        await Task.Run(() => BufferPool.Return(first));

        var again = await Task.Factory.StartNew(() => BufferPool.Rent<long>(600_000), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.Same(first, again);
        Assert.True(again.Length >= 600_000);
        BufferPool.Return(again);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData((1 << 18) - 1)]
    [InlineData(1 << 18)]
    [InlineData(5_000_000)]
    public void RentedArrays_AreLongEnoughAndGoBackWithoutError(int length)
    {
        var array = BufferPool.Rent<int>(length);

        Assert.True(array.Length >= length);
        BufferPool.Return(array);
    }
}
