using System.Diagnostics.CodeAnalysis;

namespace Tessera.Fft;

/// <summary>Throw helpers, so that the validating public methods stay small and inlinable.</summary>
internal static class FftThrow
{
    [DoesNotReturn]
    public static void SpanTooShort(string name, int expected, int actual) =>
        throw new ArgumentException(
            $"'{name}' holds {actual} floats but the transform needs at least {expected}. Allocate a longer buffer or pass the matching shape.",
            name);

    [DoesNotReturn]
    public static void BadLength(string name, int value) =>
        throw new ArgumentOutOfRangeException(name, value, "An FFT length must be at least 1.");

    /// <summary>Checks that <paramref name="length"/> holds at least <paramref name="floats"/> floats.</summary>
    public static void IfShorter(int length, long floats, string name)
    {
        if (length < floats)
        {
            SpanTooShort(name, (int)Math.Min(floats, int.MaxValue), length);
        }
    }
}
