using Tessera.Imaging.Pointwise;

namespace Tessera.Imaging.Deconvolution;

/// <summary>One z-plane of the half spectrum multiplied by the OTF's (or its conjugate's) matching plane.</summary>
internal readonly struct SpectrumPass<TOp>(Memory<float> spectrum, ReadOnlyMemory<float> otf, int planeFloats) : IPlaneBody
    where TOp : struct, IComplexOp
{
    public void Run(int plane) =>
        ComplexDriver.InPlace(spectrum.Span.Slice(plane * planeFloats, planeFloats), otf.Span.Slice(plane * planeFloats, planeFloats), default(TOp));
}
