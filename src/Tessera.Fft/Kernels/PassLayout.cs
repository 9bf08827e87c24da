namespace Tessera.Fft.Kernels;

/// <summary>
/// Where a Stockham pass finds its chunks. A pass combines chunks of <see cref="Length"/> floats
/// (stride × width complex numbers); input chunk c starts at c·<see cref="SrcPitch"/> and output
/// chunk c at c·<see cref="DstPitch"/>. Packed data has both pitches equal to the length; a
/// pitch of a whole slab row lets the first pass read a strip straight from the volume and the
/// last pass write it straight back, with no gather or scatter copy.
/// </summary>
internal readonly record struct PassLayout(int Length, int SrcPitch, int DstPitch)
{
    /// <summary>Packed chunks of a pass over <paramref name="width"/> columns.</summary>
    public static PassLayout Packed(in StockhamStage stage, int width)
    {
        int length = 2 * stage.Stride * width;
        return new PassLayout(length, length, length);
    }
}
