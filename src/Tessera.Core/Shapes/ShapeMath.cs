namespace Tessera.Shapes;

/// <summary>Element counts, strides and formatting of N-D shapes.</summary>
public static class ShapeMath
{
    /// <summary>The number of elements of <paramref name="shape"/> (1 for a 0-D shape).</summary>
    /// <exception cref="OverflowException">The count does not fit in a long.</exception>
    public static long Product(ReadOnlySpan<long> shape)
    {
        long n = 1;
        foreach (long s in shape)
        {
            n = checked(n * s);
        }

        return n;
    }

    /// <summary>The number of elements of <paramref name="shape"/> (1 for a 0-D shape).</summary>
    /// <exception cref="OverflowException">The count does not fit in a long.</exception>
    public static long Product(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int s in shape)
        {
            n = checked(n * s);
        }

        return n;
    }

    /// <summary>Element strides of a C-order (last axis fastest) layout of <paramref name="shape"/>.</summary>
    public static long[] CStrides(ReadOnlySpan<int> shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }

        return strides;
    }

    /// <summary>Element strides of an F-order (first axis fastest) layout of <paramref name="shape"/>.</summary>
    public static long[] FStrides(ReadOnlySpan<int> shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            strides[i] = s;
            s *= shape[i];
        }

        return strides;
    }

    /// <summary>Formats a shape as NumPy does, e.g. <c>(2, 64, 256)</c>.</summary>
    public static string Format<T>(ReadOnlySpan<T> shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.ToArray()) + ")";
}
