using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Imaging.Pointwise;

/// <summary>a ← a · conj(b) (the spectrum times the conjugate OTF: correlation with the PSF, the adjoint of convolution).</summary>
internal readonly struct ComplexMultiplyConjugateOp : IComplexOp
{
    public void Invoke(ref float re, ref float im, float bRe, float bIm)
    {
        float r = (re * bRe) + (im * bIm);
        float i = (im * bRe) - (re * bIm);
        re = r;
        im = i;
    }

    public Vector256<float> Invoke(Vector256<float> a, Vector256<float> b)
    {
        // As ComplexMultiplyOp with bIm negated: (ar·br + ai·bi, ai·br − ar·bi).
        var bRe = Avx.Permute(b, 0b10_10_00_00);
        var bIm = Avx.Permute(b, 0b11_11_01_01);
        var swapped = Avx.Permute(a, 0b10_11_00_01);
        return Avx.AddSubtract(a * bRe, -(swapped * bIm));
    }
}
