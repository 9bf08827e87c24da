namespace Tessera.Fft.NDim;

/// <summary>Validation of shapes and options at the public boundary.</summary>
internal static class FftShape
{
    public static void Validate(ReadOnlySpan<int> shape, string name)
    {
        if (shape.IsEmpty)
        {
            throw new ArgumentException("The shape has no axes; pass at least one length.", name);
        }

        foreach (int n in shape)
        {
            if (n < 1)
            {
                throw new ArgumentException($"Shape ({string.Join(", ", shape.ToArray())}) has a length below 1; every axis needs at least one element.", name);
            }
        }

        // Interleaved complex data of the whole array must fit one span (2^31 − 1 floats).
        if (2 * Product(shape[..^1]) * ((long)shape[^1] + 2) > int.MaxValue)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape.ToArray())}) is too large for one buffer; split it into chunks.", name);
        }
    }

    public static long Product(ReadOnlySpan<int> shape)
    {
        long p = 1;
        foreach (int n in shape)
        {
            p *= n;
        }

        return p;
    }

    public static int Threads(FftOptions? options)
    {
        int threads = (options ?? FftOptions.Default).Threads;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, "options.Threads");
        return threads;
    }
}
