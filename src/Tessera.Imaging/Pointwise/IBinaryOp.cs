using System.Runtime.Intrinsics;

namespace Tessera.Imaging.Pointwise;

/// <summary>
/// A per-element step z = f(x, y) on float32, in a scalar and an 8-lane form that must agree
/// bit for bit (IEEE operations in the same order), so results do not depend on where the
/// SIMD body ends and the scalar tail begins.
/// </summary>
internal interface IBinaryOp
{
    float Invoke(float x, float y);

    Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);
}
