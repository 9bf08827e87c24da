using System.Buffers;
using System.Runtime.InteropServices;

namespace Tessera.Buffers;

/// <summary>Exposes the first elements of a <typeparamref name="T"/> array as <see cref="Memory{T}"/> of bytes, for byte-oriented async I/O into typed buffers.</summary>
internal sealed class ByteMemoryManager<T> : MemoryManager<byte>
    where T : unmanaged
{
    private readonly T[] _array;
    private readonly int _length;

    public ByteMemoryManager(T[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_array.AsSpan(0, _length));

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        byte* start = (byte*)handle.AddrOfPinnedObject();
        return new MemoryHandle(start + elementIndex, handle);
    }

    public override void Unpin()
    {
        // Each Pin's GCHandle is freed by its MemoryHandle.
    }

    protected override void Dispose(bool disposing)
    {
        // The array belongs to the NDBuffer that made this manager.
    }
}
