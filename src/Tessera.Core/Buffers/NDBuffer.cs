using System.Runtime.InteropServices;
using Tessera.DataTypes;
using Tessera.Shapes;

namespace Tessera.Buffers;

/// <summary>
/// A dense N-D array of <typeparamref name="T"/> in C order (last axis fastest), whose memory is rented
/// from <see cref="BufferPool"/> and returned by <see cref="Dispose"/>. Reusing buffers this
/// way keeps steady-state chunk processing free of large allocations.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class NDBuffer<T> : INDBuffer
    where T : unmanaged
{
    private readonly int[] _shape;
    private readonly int _length;
    private T[]? _array;

    private NDBuffer(T[] array, int[] shape, int length)
    {
        _array = array;
        _shape = shape;
        _length = length;
    }

    /// <summary>The element type as a little-endian <see cref="DataType"/>.</summary>
    public static DataType DataType => DataType.For<T>();

    /// <inheritdoc/>
    DataType INDBuffer.ElementType => DataType.For<T>();

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The size of each dimension.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of elements.</summary>
    public int Length => _length;

    /// <summary>The elements in C order.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public Span<T> Span => Array.AsSpan(0, _length);

    /// <summary>The elements in C order, as memory that async code can hold.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public Memory<T> Memory => Array.AsMemory(0, _length);

    /// <summary>The elements' bytes in the machine's (little-endian) order.</summary>
    public Span<byte> Bytes => MemoryMarshal.AsBytes(Span);

    /// <inheritdoc/>
    public Memory<byte> ByteMemory => new ByteMemoryManager<T>(Array, _length).Memory;

    private T[] Array => _array ?? throw new ObjectDisposedException(nameof(NDBuffer<T>));

    /// <summary>The element at <paramref name="index"/> (one coordinate per dimension).</summary>
    public ref T this[params ReadOnlySpan<int> index] => ref Array[Offset(index)];

    /// <summary>Rents a buffer of <paramref name="shape"/>.</summary>
    /// <param name="shape">The size of each dimension.</param>
    /// <param name="clear">Whether to zero the elements; pass false when every element will be written.</param>
    /// <exception cref="ArgumentException">A size is negative or the total exceeds <see cref="int.MaxValue"/> elements.</exception>
    public static NDBuffer<T> Allocate(ReadOnlySpan<int> shape, bool clear = true)
    {
        foreach (int s in shape)
        {
            if (s < 0)
            {
                throw new ArgumentException($"Shape {ShapeMath.Format(shape)} has a negative size.", nameof(shape));
            }
        }

        long length;
        try
        {
            length = ShapeMath.Product(shape);
        }
        catch (OverflowException)
        {
            // A count past long.MaxValue is just a shape too large for one buffer.
            length = long.MaxValue;
        }

        if (length > System.Array.MaxLength)
        {
            throw new ArgumentException($"Shape {ShapeMath.Format(shape)} has {(length == long.MaxValue ? "over 2^63" : length)} elements, more than one dense buffer holds ({System.Array.MaxLength}). Process it in chunks.", nameof(shape));
        }

        var array = BufferPool.Rent<T>((int)length);
        if (clear)
        {
            System.Array.Clear(array, 0, (int)length);
        }

        return new NDBuffer<T>(array, shape.ToArray(), (int)length);
    }

    /// <summary>
    /// Moves the elements into a new buffer of <paramref name="shape"/>, which must hold the same number of
    /// elements (for example dropping or adding axes of size 1). No element is copied; this buffer becomes
    /// disposed and the new one owns the memory.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public NDBuffer<T> Reshape(ReadOnlySpan<int> shape)
    {
        if (ShapeMath.Product(shape) != _length)
        {
            throw new ArgumentException($"Cannot reshape {ShapeMath.Format<int>(_shape)} ({_length} elements) to {ShapeMath.Format(shape)} ({ShapeMath.Product(shape)} elements).", nameof(shape));
        }

        var array = Interlocked.Exchange(ref _array, null) ?? throw new ObjectDisposedException(nameof(NDBuffer<T>));
        return new NDBuffer<T>(array, shape.ToArray(), _length);
    }

    /// <inheritdoc/>
    INDBuffer INDBuffer.Reshape(ReadOnlySpan<int> shape) => Reshape(shape);

    /// <summary>The C-order offset of <paramref name="index"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">The index is outside the buffer.</exception>
    public int Offset(ReadOnlySpan<int> index)
    {
        if (index.Length != _shape.Length)
        {
            throw new IndexOutOfRangeException($"Index of rank {index.Length} used on a buffer of rank {_shape.Length}.");
        }

        int offset = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
            {
                throw new IndexOutOfRangeException($"Index {index[i]} is outside axis {i} of size {_shape[i]}.");
            }

            offset = (offset * _shape[i]) + index[i];
        }

        return offset;
    }

    /// <summary>Returns the memory to the pool. The buffer must not be used afterwards.</summary>
    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            BufferPool.Return(array);
        }
    }
}
