namespace Tessera.Imaging.Deconvolution;

/// <summary>One padded z-plane of <see cref="Padding.Pad"/>.</summary>
internal readonly struct PadPass(ReadOnlyMemory<float> volume, Memory<float> padded, PaddedGrid grid, int[] mz, int[] my, int[] mx) : IPlaneBody
{
    public void Run(int plane) => Padding.PadPlane(volume.Span, padded.Span, grid, mz, my, mx, plane);
}
