using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Imaging.Pointwise;

/// <summary>a ← a · b (the spectrum times the OTF: convolution with the PSF).</summary>
internal readonly struct ComplexMultiplyOp : IComplexOp
{
    public void Invoke(ref float re, ref float im, float bRe, float bIm)
    {
        float r = (re * bRe) - (im * bIm);
        float i = (re * bIm) + (im * bRe);
        re = r;
        im = i;
    }

    public Vector256<float> Invoke(Vector256<float> a, Vector256<float> b)
    {
        // bRe = (br, br, …), bIm = (bi, bi, …), swapped = (ai, ar, …); AddSubtract subtracts in
        // even lanes and adds in odd ones: (ar·br − ai·bi, ai·br + ar·bi). Multiplies and the
        // add/subtract round as the scalar form does.
        var bRe = Avx.Permute(b, 0b10_10_00_00);
        var bIm = Avx.Permute(b, 0b11_11_01_01);
        var swapped = Avx.Permute(a, 0b10_11_00_01);
        return Avx.AddSubtract(a * bRe, swapped * bIm);
    }
}
