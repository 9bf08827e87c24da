using Tessera.DataTypes;

namespace Tessera.Buffers;

/// <summary>
/// An <see cref="NDBuffer{T}"/> seen without its element type, so that code moving blocks between
/// stores and operations (the lazy-array graph, the scheduler) stays free of per-type generics.
/// Elements are C order in the machine's byte order.
/// </summary>
public interface INDBuffer : IDisposable
{
    /// <summary>The element type (little-endian).</summary>
    DataType ElementType { get; }

    /// <summary>The size of each dimension.</summary>
    ReadOnlySpan<int> Shape { get; }

    /// <summary>The number of elements.</summary>
    int Length { get; }

    /// <summary>The elements' bytes.</summary>
    Span<byte> Bytes { get; }

    /// <summary>The elements' bytes as memory that async code can hold.</summary>
    Memory<byte> ByteMemory { get; }

    /// <summary>Moves the elements into a buffer of another shape with the same element count; this one becomes disposed.</summary>
    INDBuffer Reshape(ReadOnlySpan<int> shape);
}
