using Tessera.DataTypes;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace Tessera.Tiff.Writing;

/// <summary>
/// What the pages of a stack mean, written as page 0's ImageDescription: <see cref="OmeTiffMetadata"/> or
/// <see cref="ImageJMetadata"/>. Pages are the C-order enumeration of every axis but the last two (<c>y</c>, <c>x</c>):
/// for <c>Axes = "tczyx"</c>, page <c>(t·C + c)·Z + z</c> holds plane (t, c, z).
/// </summary>
public abstract record TiffStackMetadata
{
    private protected TiffStackMetadata()
    {
    }

    /// <summary>The axes, outer to inner, from <c>t</c>, <c>c</c>, <c>z</c>, ending in <c>yx</c> (e.g. <c>"czyx"</c>, <c>"tczyx"</c>, <c>"zyx"</c>).</summary>
    public required string Axes { get; init; }

    /// <summary>The size of each axis in <see cref="Axes"/>; the last two equal the page shape, the product of the others the page count.</summary>
    public required IReadOnlyList<long> Shape { get; init; }

    /// <summary>The size of <paramref name="axis"/>, or 1 when the stack does not have it.</summary>
    private protected long SizeOf(char axis)
    {
        int i = Axes.IndexOf(axis, StringComparison.Ordinal);
        return i < 0 ? 1 : Shape[i];
    }

    /// <summary>Checks the axes and shape against the writer's page shape and count.</summary>
    /// <exception cref="ArgumentException">They disagree, or the axes are not allowed.</exception>
    internal virtual void Validate(int height, int width, DataType type, long pageCount)
    {
        const string Param = "options";
        string format = GetType().Name;
        if (string.IsNullOrEmpty(Axes) || Shape is null)
        {
            throw new ArgumentException($"{format}.Axes and Shape are required, e.g. Axes = \"czyx\" with Shape = [2, 5, 512, 512].", Param);
        }

        if (!Axes.EndsWith("yx", StringComparison.Ordinal) || Axes.Any(a => !"tczyx".Contains(a, StringComparison.Ordinal)) || Axes.Distinct().Count() != Axes.Length)
        {
            throw new ArgumentException($"{format}.Axes '{Axes}' must name each of t, c, z at most once and end in 'yx', e.g. \"tczyx\", \"czyx\" or \"zyx\".", Param);
        }

        if (Shape.Count != Axes.Length || Shape.Any(s => s < 1))
        {
            throw new ArgumentException($"{format}.Shape [{string.Join(", ", Shape)}] must have one positive size per axis of '{Axes}'.", Param);
        }

        if (Shape[^2] != height || Shape[^1] != width)
        {
            throw new ArgumentException($"{format}.Shape [{string.Join(", ", Shape)}] ends in ({Shape[^2]}, {Shape[^1]}) but the pages are ({height}, {width}) (y, x).", Param);
        }

        long planes = 1;
        for (int i = 0; i < Shape.Count - 2; i++)
        {
            planes *= Shape[i];
        }

        if (planes != pageCount)
        {
            throw new ArgumentException($"{format}.Shape [{string.Join(", ", Shape)}] holds {planes} planes but the writer was told {pageCount} pages.", Param);
        }
    }

    /// <summary>The ImageDescription text (ASCII) for a file named <paramref name="fileName"/>.</summary>
    internal abstract string BuildDescription(string fileName, DataType type);

    /// <summary>Sets any further tags of page 0 (resolution, for example).</summary>
    internal virtual void SetTags(LibTiff tiff)
    {
    }
}
