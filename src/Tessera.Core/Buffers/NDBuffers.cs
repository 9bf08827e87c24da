using Tessera.DataTypes;

namespace Tessera.Buffers;

/// <summary>Creates <see cref="NDBuffer{T}"/>s whose element type is known only at run time.</summary>
public static class NDBuffers
{
    /// <summary>Rents a buffer of <paramref name="type"/> (read in the machine's byte order) and <paramref name="shape"/>.</summary>
    /// <param name="type">The element type.</param>
    /// <param name="shape">The size of each dimension.</param>
    /// <param name="clear">Whether to zero the elements; pass false when every element will be written.</param>
    public static INDBuffer Allocate(DataType type, ReadOnlySpan<int> shape, bool clear = true) => type.Kind switch
    {
        DataTypeKind.Bool => NDBuffer<bool>.Allocate(shape, clear),
        DataTypeKind.Int8 => NDBuffer<sbyte>.Allocate(shape, clear),
        DataTypeKind.UInt8 => NDBuffer<byte>.Allocate(shape, clear),
        DataTypeKind.Int16 => NDBuffer<short>.Allocate(shape, clear),
        DataTypeKind.UInt16 => NDBuffer<ushort>.Allocate(shape, clear),
        DataTypeKind.Int32 => NDBuffer<int>.Allocate(shape, clear),
        DataTypeKind.UInt32 => NDBuffer<uint>.Allocate(shape, clear),
        DataTypeKind.Int64 => NDBuffer<long>.Allocate(shape, clear),
        DataTypeKind.UInt64 => NDBuffer<ulong>.Allocate(shape, clear),
        DataTypeKind.Float32 => NDBuffer<float>.Allocate(shape, clear),
        DataTypeKind.Float64 => NDBuffer<double>.Allocate(shape, clear),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown data type."),
    };
}
