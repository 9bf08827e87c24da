using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Buffers;

/// <summary>
/// Where Tessera rents its arrays. Small arrays come from <see cref="ArrayPool{T}.Shared"/>. Large ones
/// (<see cref="LargeBytes"/> and up: chunks, volumes, FFT buffers) come from one process-wide pool without
/// per-thread caches: the shared pool keeps one returned array per size in every thread that returned
/// one, so when async work hops threads, each thread strands a chunk-sized array and the process grows
/// past the memory budget by a few chunks per thread. This pool keeps, per element type and size, at most
/// as many arrays as were out at once (and never more than 64), so during a job it holds no more than the
/// scheduler's budget. It is never trimmed: a process that runs jobs of several chunk sizes keeps the
/// peak of each size until it exits.
/// </summary>
public static class BufferPool
{
    /// <summary>Arrays of at least this many bytes (rounded up to a power of two) use the large-array pool.</summary>
    public const int LargeBytes = 1 << 20;

    /// <summary>Rents an array of at least <paramref name="minimumLength"/> elements; return it with <see cref="Return{T}"/>.</summary>
    public static T[] Rent<T>(int minimumLength) => Pick<T>(minimumLength).Rent(minimumLength);

    /// <summary>Returns an array rented with <see cref="Rent{T}"/>.</summary>
    public static void Return<T>(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        Pick<T>(array.Length).Return(array);
    }

    private static ArrayPool<T> Pick<T>(int length)
    {
        // Both pools hand out power-of-two lengths, so a rented array's length picks the same pool as the request did.
        long rounded = length <= 16 ? 16 : (long)BitOperations.RoundUpToPowerOf2((uint)length);
        return rounded * Unsafe.SizeOf<T>() >= LargeBytes && rounded <= Large<T>.MaxLength ? Large<T>.Pool : ArrayPool<T>.Shared;
    }

    private static class Large<T>
    {
        public const int MaxLength = 1 << 30;

        // Up to 64 arrays of a size are kept: more than any job holds at once on one machine.
        public static readonly ArrayPool<T> Pool = ArrayPool<T>.Create(MaxLength, 64);
    }
}
