namespace Tessera.Arrays.Graph;

/// <summary>
/// What a slice keeps of one axis: a range <c>[Start, Stop)</c>, or one index that removes the axis
/// (NumPy's <c>a[1:3]</c> and <c>a[2]</c>).
/// </summary>
/// <param name="Start">The first index kept.</param>
/// <param name="Stop">One past the last index kept.</param>
/// <param name="DropsAxis">True for a single index, which removes the axis from the result.</param>
public readonly record struct AxisSelection(long Start, long Stop, bool DropsAxis)
{
    /// <summary>The whole axis.</summary>
    public static AxisSelection All => new(0, long.MaxValue, false);

    /// <summary>Indices <c>[start, stop)</c>; the axis stays.</summary>
    public static AxisSelection Range(long start, long stop) => new(start, stop, false);

    /// <summary>Index <paramref name="index"/>; the axis is removed.</summary>
    public static AxisSelection At(long index) => new(index, index + 1, true);

    /// <summary>Converts a C# range (<c>1..3</c>, <c>^2..</c>) on an axis of <paramref name="length"/>.</summary>
    public static AxisSelection FromRange(System.Range range, long length)
    {
        long start = range.Start.IsFromEnd ? length - range.Start.Value : range.Start.Value;
        long stop = range.End.IsFromEnd ? length - range.End.Value : range.End.Value;
        return new(start, stop, false);
    }
}
