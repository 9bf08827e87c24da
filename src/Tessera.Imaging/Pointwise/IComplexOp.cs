using System.Runtime.Intrinsics;

namespace Tessera.Imaging.Pointwise;

/// <summary>
/// A per-element step on interleaved complex float32 (re, im, re, im, …): a ← f(a, b). The
/// vector form takes 4 complex numbers per <see cref="Vector256{T}"/>, lanes (re0, im0, re1, im1, …).
/// </summary>
internal interface IComplexOp
{
    void Invoke(ref float re, ref float im, float bRe, float bIm);

    Vector256<float> Invoke(Vector256<float> a, Vector256<float> b);
}
