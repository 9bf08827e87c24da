using System.Diagnostics.CodeAnalysis;

namespace Tessera.Imaging;

/// <summary>Throw helpers, so that validating public methods stay small.</summary>
internal static class ImagingThrow
{
    [DoesNotReturn]
    public static void BadRank(string name, ReadOnlySpan<int> shape, string what) =>
        throw new ArgumentException(
            $"The {what} '{name}' has shape ({string.Join(", ", shape.ToArray())}), rank {shape.Length}; Richardson–Lucy needs a 3-D (z, y, x) buffer. Reshape it, e.g. add singleton axes to a 2-D image.",
            name);
}
