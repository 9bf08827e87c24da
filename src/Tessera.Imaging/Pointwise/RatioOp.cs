using System.Runtime.Intrinsics;

namespace Tessera.Imaging.Pointwise;

/// <summary>Richardson–Lucy's relative blur: blurred ← observed / (blurred + ε), with x the blurred estimate and y the observation.</summary>
internal readonly struct RatioOp(float epsilon) : IBinaryOp
{
    private readonly float _epsilon = epsilon;

    public float Invoke(float x, float y) => y / (x + _epsilon);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => y / (x + Vector256.Create(_epsilon));
}
