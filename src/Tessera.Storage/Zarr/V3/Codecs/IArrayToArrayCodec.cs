namespace Tessera.Zarr.V3.Codecs;

/// <summary>
/// A Zarr v3 codec that turns an array into another array of the same data type (core spec, "Codecs": the
/// array → array kind), such as <c>transpose</c>. Prepared once per array; immutable and thread-safe.
/// </summary>
internal interface IArrayToArrayCodec
{
    /// <summary>The codec name as written in metadata.</summary>
    string Name { get; }

    /// <summary>The shape of the encoded array for a decoded array of <paramref name="decodedShape"/>.</summary>
    int[] GetEncodedShape(int[] decodedShape);

    /// <summary>Encodes <paramref name="decoded"/> (C order, of <paramref name="decodedShape"/>) into <paramref name="encoded"/>.</summary>
    void Encode(ReadOnlySpan<byte> decoded, Span<byte> encoded, ReadOnlySpan<int> decodedShape, int itemSize);

    /// <summary>The inverse of <see cref="Encode"/>.</summary>
    void Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded, ReadOnlySpan<int> decodedShape, int itemSize);
}
