using Tessera.Buffers;

namespace Tessera.Cli.Demo;

/// <summary>One rendered (channel, time) volume of a demo data set: what the sample is, what the microscope would see without noise, and what the camera recorded. Dispose to return the pooled buffers.</summary>
/// <param name="Truth">The ground truth in photons per voxel, (z, y, x).</param>
/// <param name="Blurred">The truth convolved with the channel's PSF: the expected photons per voxel, (z, y, x).</param>
/// <param name="Counts">The recorded image: Poisson(<paramref name="Blurred"/>) + camera offset + read noise, uint16 (z, y, x).</param>
internal sealed record DemoVolume(NDBuffer<float> Truth, NDBuffer<float> Blurred, NDBuffer<ushort> Counts) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        Truth.Dispose();
        Blurred.Dispose();
        Counts.Dispose();
    }
}
