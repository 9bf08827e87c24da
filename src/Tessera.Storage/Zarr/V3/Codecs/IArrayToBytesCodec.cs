namespace Tessera.Zarr.V3.Codecs;

/// <summary>
/// A Zarr v3 codec that serialises an array to bytes (core spec, "Codecs": the array → bytes kind), such as
/// <c>bytes</c>. Prepared once per array; immutable and thread-safe.
/// </summary>
internal interface IArrayToBytesCodec
{
    /// <summary>The codec name as written in metadata.</summary>
    string Name { get; }

    /// <summary>Turns a C-order, little-endian array into its serialised bytes, in place.</summary>
    void EncodeInPlace(Span<byte> data, int itemSize);

    /// <summary>The inverse of <see cref="EncodeInPlace"/>, in place.</summary>
    void DecodeInPlace(Span<byte> data, int itemSize);
}
