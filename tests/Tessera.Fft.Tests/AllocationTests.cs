namespace Tessera.Fft.Tests;

public class AllocationTests
{
    [Fact]
    public void ComplexFftTransform_AllocatesNothingPerCallAfterWarmUp()
    {
        var plan = ComplexFftPlan.Get(1000);
        float[] data = ReferenceDft.Random(2 * 1000 * 4, seed: 1);
        plan.Transform(data, 4, FftDirection.Forward);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            plan.Transform(data, 4, FftDirection.Forward);
        }

        // Scratch comes from ArrayPool; nothing else is allocated.
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void NdFft_AllocatesOnlySmallObjectsPerCall()
    {
        int[] shape = [8, 12, 30];
        float[] x = ReferenceDft.Random(8 * 12 * 30, seed: 2);
        var spectrum = new float[2 * NdFft.SpectrumLength(shape)];
        var options = new FftOptions { Threads = 1 };
        NdFft.ForwardReal(x, spectrum, shape, options);
        long before = GC.GetAllocatedBytesForCurrentThread();
        NdFft.ForwardReal(x, spectrum, shape, options);
        NdFft.InverseReal(spectrum, x, shape, options);

        // A few closures per axis pass; buffers are pooled. 2 KB is far below one line (the
        // spectrum alone is 12 KB).
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 2048);
    }
}
