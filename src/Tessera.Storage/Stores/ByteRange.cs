namespace Tessera.Stores;

/// <summary>A byte range of a stored value: <see cref="Length"/> bytes from <see cref="Offset"/>, or the last <see cref="Length"/> bytes.</summary>
public readonly record struct ByteRange
{
    private ByteRange(long offset, long length, bool isSuffix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Offset = offset;
        Length = length;
        IsSuffix = isSuffix;
    }

    /// <summary>The first byte (ignored for a suffix).</summary>
    public long Offset { get; }

    /// <summary>The number of bytes.</summary>
    public long Length { get; }

    /// <summary>Whether this is the last <see cref="Length"/> bytes of the value.</summary>
    public bool IsSuffix { get; }

    /// <summary><paramref name="length"/> bytes starting at <paramref name="offset"/>.</summary>
    public static ByteRange FromOffset(long offset, long length) => new(offset, length, false);

    /// <summary>The last <paramref name="length"/> bytes.</summary>
    public static ByteRange Suffix(long length) => new(0, length, true);

    /// <summary>The absolute offset and length of this range in a value of <paramref name="totalLength"/> bytes, clipped to it.</summary>
    public (long Offset, long Length) Resolve(long totalLength)
    {
        if (IsSuffix)
        {
            long n = Math.Min(Length, totalLength);
            return (totalLength - n, n);
        }

        long start = Math.Min(Offset, totalLength);
        return (start, Math.Min(Length, totalLength - start));
    }

    /// <inheritdoc/>
    public override string ToString() => IsSuffix ? $"last {Length} bytes" : $"bytes {Offset}..{Offset + Length}";
}
