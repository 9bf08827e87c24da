using System.Runtime.Intrinsics;

namespace Tessera.Imaging.Pointwise;

/// <summary>x · y: the Richardson–Lucy update, estimate ← estimate · back-projected ratio.</summary>
internal readonly struct MultiplyOp : IBinaryOp
{
    public float Invoke(float x, float y) => x * y;

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x * y;
}
