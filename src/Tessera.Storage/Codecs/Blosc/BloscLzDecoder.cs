using System.Runtime.CompilerServices;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// Decodes BloscLZ, Blosc's LZ77 variant of FastLZ level 1. The stream is a sequence of
/// instructions, each starting with a control byte <c>ctrl</c>:
/// <list type="bullet">
/// <item><c>ctrl &lt; 32</c>: a literal run of <c>ctrl + 1</c> bytes follows.</item>
/// <item>otherwise a match: length code <c>ctrl &gt;&gt; 5</c> (1-6 mean lengths 3-8; 7 means
/// "7 plus the following bytes", each 255 adding more) and a 13-bit distance whose high 5 bits are
/// <c>ctrl &amp; 31</c> and low byte follows. The marker "high bits 31, low byte 255" instead
/// announces a 16-bit big-endian distance to which 8191 is added. Distances are biased by one:
/// 0 repeats the previous byte.</item>
/// </list>
/// The top three bits of the first control byte are a format marker and are ignored.
/// </summary>
internal static class BloscLzDecoder
{
    private const int MaxNearDistance = 8191;

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/> and returns the number of
    /// bytes written, or -1 if the stream is corrupt, truncated or would overrun the destination.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
        {
            return -1;
        }

        int ip = 0;
        int op = 0;
        int ctrl = source[ip++] & 31;
        while (true)
        {
            if (ctrl < 32)
            {
                int run = ctrl + 1;
                if (run > source.Length - ip || run > destination.Length - op)
                {
                    return -1;
                }

                source.Slice(ip, run).CopyTo(destination[op..]);
                ip += run;
                op += run;
            }
            else
            {
                int length = (ctrl >> 5) - 1;
                int high = (ctrl & 31) << 8;
                int code;
                if (length == 6)
                {
                    do
                    {
                        if (ip >= source.Length)
                        {
                            return -1;
                        }

                        code = source[ip++];
                        length += code;
                    }
                    while (code == 255);
                }

                if (ip >= source.Length)
                {
                    return -1;
                }

                code = source[ip++];
                length += 3;
                int distance = high + code + 1;
                if (code == 255 && high == 31 << 8)
                {
                    if (source.Length - ip < 2)
                    {
                        return -1;
                    }

                    distance = (source[ip] << 8) + source[ip + 1] + MaxNearDistance + 1;
                    ip += 2;
                }

                if (distance > op || length > destination.Length - op)
                {
                    return -1;
                }

                CopyMatch(destination, op, distance, length);
                op += length;
            }

            if (ip >= source.Length)
            {
                return op;
            }

            ctrl = source[ip++];
        }
    }

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="distance"/> bytes back; the ranges may overlap.</summary>
    private static void CopyMatch(Span<byte> buffer, int op, int distance, int length)
    {
        if (distance == 1)
        {
            buffer.Slice(op, length).Fill(buffer[op - 1]);
            return;
        }

        // Copy in chunks no longer than the distance so that each chunk reads bytes already written;
        // the chunk doubles each time, as the repeated pattern grows.
        int from = op - distance;
        int chunk = distance;
        while (length > 0)
        {
            int n = Math.Min(chunk, length);
            buffer.Slice(from, n).CopyTo(buffer.Slice(op, n));
            op += n;
            length -= n;
            chunk += n;
        }
    }
}
