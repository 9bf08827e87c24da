using Tessera.Buffers;

namespace Tessera.Stores;

/// <summary>
/// Bytes read from a store. Values read from files live in memory rented from
/// <see cref="BufferPool"/>; dispose the value to return it.
/// </summary>
public sealed class StoreValue : IDisposable
{
    private byte[]? _rented;

    private StoreValue(ReadOnlyMemory<byte> memory, byte[]? rented)
    {
        Memory = memory;
        _rented = rented;
    }

    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Memory { get; private set; }

    /// <summary>The bytes as a span.</summary>
    public ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>The number of bytes.</summary>
    public int Length => Memory.Length;

    /// <summary>Wraps memory that the caller keeps alive and never changes.</summary>
    public static StoreValue FromImmutable(ReadOnlyMemory<byte> memory) => new(memory, null);

    /// <summary>Rents a buffer of <paramref name="length"/> bytes for a store to fill; see <see cref="WritableMemory"/>.</summary>
    public static StoreValue Rent(int length)
    {
        var array = BufferPool.Rent<byte>(length);
        return new StoreValue(array.AsMemory(0, length), array);
    }

    /// <summary>The rented memory behind a value from <see cref="Rent"/>, for the store to fill.</summary>
    /// <exception cref="InvalidOperationException">The value was not rented.</exception>
    public Memory<byte> WritableMemory => _rented is null ? throw new InvalidOperationException("Only rented values are writable.") : _rented.AsMemory(0, Memory.Length);

    /// <summary>Shortens the value to its first <paramref name="length"/> bytes (after a short read).</summary>
    public void Truncate(int length) => Memory = Memory[..length];

    /// <summary>Returns rented memory to the pool.</summary>
    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _rented, null);
        Memory = default;
        if (array is not null)
        {
            BufferPool.Return(array);
        }
    }
}
