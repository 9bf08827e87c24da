using Tessera.Cli.Samples;

namespace Tessera.Cli.Demo;

/// <summary>
/// The demo's camera: each voxel's expected photons become a Poisson count (shot noise), plus the
/// camera's dark offset and Gaussian read noise, rounded and clipped to uint16, as an sCMOS camera
/// with unit gain records them.
/// </summary>
internal static class DemoCamera
{
    /// <summary>The dark level added to every voxel, in counts (the same as <c>tessera sample</c>'s).</summary>
    public const int Offset = LightSheetSample.CameraOffset;

    /// <summary>The read noise's standard deviation, in counts (a typical sCMOS value).</summary>
    public const double ReadNoise = LightSheetSample.ReadNoise;

    /// <summary>Records <paramref name="photons"/> (expected photons per voxel; negative values count as 0) into <paramref name="counts"/>, drawing noise from a stream seeded by <paramref name="seed"/>.</summary>
    public static void Expose(ReadOnlySpan<float> photons, Span<ushort> counts, ulong seed)
    {
        var random = new SplitMix64(seed);
        for (int i = 0; i < photons.Length; i++)
        {
            double value = PoissonSampler.Next(ref random, photons[i]) + Offset + (ReadNoise * random.NextGaussian());
            counts[i] = (ushort)Math.Clamp(Math.Round(value), 0, ushort.MaxValue);
        }
    }
}
