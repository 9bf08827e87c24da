using System.Buffers;

namespace Tessera.Fft.NDim;

/// <summary>
/// Runs independent work items on up to a given number of threads, each thread with one pooled
/// scratch array. Items are fixed by the caller from the shape alone, so which thread runs an
/// item never changes what it computes.
/// </summary>
internal static class ParallelItems
{
    public static void For(int count, int threads, int scratchFloats, Action<int, float[]> body)
    {
        if (threads <= 1 || count <= 1)
        {
            float[] scratch = ArrayPool<float>.Shared.Rent(scratchFloats);
            try
            {
                for (int i = 0; i < count; i++)
                {
                    body(i, scratch);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }

            return;
        }

        Parallel.For(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => ArrayPool<float>.Shared.Rent(scratchFloats),
            (i, _, scratch) =>
            {
                body((int)i, scratch);
                return scratch;
            },
            scratch => ArrayPool<float>.Shared.Return(scratch));
    }
}
