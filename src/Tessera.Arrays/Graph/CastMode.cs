namespace Tessera.Arrays.Graph;

/// <summary>How <see cref="LazyArray.AsType(DataTypes.DataType, CastMode)"/> converts values.</summary>
public enum CastMode
{
    /// <summary>NumPy's <c>astype</c>: floats to integers truncate towards zero; integers wrap; out-of-range floats saturate.</summary>
    Truncate,

    /// <summary>Round to the nearest integer (halves away from zero) and clip to the target's range; NaN becomes 0. For storing float results as integers.</summary>
    RoundAndClip,
}
