using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Core.Tests.Buffers;

public class NDBufferTests
{
    [Fact]
    public void Allocate_HasShapeLengthAndCOrderIndexer()
    {
        using var buffer = NDBuffer<int>.Allocate([3, 7, 5]);

        Assert.Equal(3, buffer.Rank);
        Assert.Equal([3, 7, 5], buffer.Shape.ToArray());
        Assert.Equal(105, buffer.Length);
        Assert.Equal(105, buffer.Span.Length);
        Assert.Equal(105, buffer.Memory.Length);
        Assert.Equal(105 * sizeof(int), buffer.Bytes.Length);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                for (int k = 0; k < 5; k++)
                {
                    buffer[i, j, k] = (i * 100) + (j * 10) + k;
                }
            }
        }

        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                for (int k = 0; k < 5; k++)
                {
                    int offset = (((i * 7) + j) * 5) + k;
                    Assert.Equal(offset, buffer.Offset([i, j, k]));
                    Assert.Equal((i * 100) + (j * 10) + k, buffer.Span[offset]);
                }
            }
        }
    }

    [Fact]
    public void Offset_RejectsIndicesOutsideTheBuffer()
    {
        using var buffer = NDBuffer<byte>.Allocate([7, 193]);

        Assert.Throws<IndexOutOfRangeException>(() => buffer.Offset([7, 0]));
        Assert.Throws<IndexOutOfRangeException>(() => buffer.Offset([0, 193]));
        Assert.Throws<IndexOutOfRangeException>(() => buffer.Offset([-1, 0]));
        Assert.Throws<IndexOutOfRangeException>(() => buffer.Offset([0]));
        Assert.Throws<IndexOutOfRangeException>(() => buffer.Offset([0, 0, 0]));
        Assert.Throws<IndexOutOfRangeException>(() => { buffer[6, 193] = 1; });
    }

    [Fact]
    public void Allocate_HandlesRankZeroAndEmptyShapes()
    {
        using (var scalar = NDBuffer<double>.Allocate([]))
        {
            Assert.Equal(0, scalar.Rank);
            Assert.Equal(1, scalar.Length);
            Assert.Equal(0.0, scalar.Span[0]);
        }

        using var empty = NDBuffer<float>.Allocate([4, 0, 3]);
        Assert.Equal(0, empty.Length);
        Assert.True(empty.Span.IsEmpty);

        // A zero anywhere makes the buffer empty, however large the other sizes.
        using var wideEmpty = NDBuffer<float>.Allocate([int.MaxValue, 0, int.MaxValue]);
        Assert.Equal(0, wideEmpty.Length);
    }

    [Fact]
    public void Allocate_ClearZeroesReusedMemory()
    {
        // Dirty a pooled array, then rent one of the same size: it is likely the same array.
        using (var dirty = NDBuffer<ushort>.Allocate([193, 7], clear: false))
        {
            dirty.Span.Fill(0xABCD);
        }

        using var cleared = NDBuffer<ushort>.Allocate([193, 7], clear: true);

        Assert.All(cleared.Span.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Allocate_WithoutClearGivesWritableBuffer()
    {
        using var buffer = NDBuffer<long>.Allocate([13, 17], clear: false);

        Assert.Equal(13 * 17, buffer.Length);
        buffer.Span.Fill(-7);
        Assert.All(buffer.Span.ToArray(), v => Assert.Equal(-7, v));
    }

    [Fact]
    public void Dispose_TwiceIsHarmlessAndUseAfterwardsThrows()
    {
        var buffer = NDBuffer<float>.Allocate([7, 7]);
        buffer.Dispose();
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => { _ = buffer.Span; });
        Assert.Throws<ObjectDisposedException>(() => { _ = buffer.Memory; });
        Assert.Throws<ObjectDisposedException>(() => { _ = buffer.Bytes; });
        Assert.Throws<ObjectDisposedException>(() => { _ = buffer[0, 0]; });
        Assert.Throws<ObjectDisposedException>(() => { buffer[1, 1] = 2; });
    }

    [Fact]
    public void Allocate_RejectsNegativeAndOversizedShapes()
    {
        Assert.Throws<ArgumentException>(() => NDBuffer<byte>.Allocate([4, -1]));
        Assert.Throws<ArgumentException>(() => NDBuffer<byte>.Allocate([-3]));
        Assert.Throws<ArgumentException>(() => NDBuffer<byte>.Allocate([int.MaxValue, 2]));

        // The element count overflows a long: still an argument error, not an OverflowException.
        Assert.Throws<ArgumentException>(() => NDBuffer<byte>.Allocate([65536, 65536, 65536, 65536]));
    }

    [Fact]
    public void DataType_MatchesElementType()
    {
        Assert.Equal(DataType.Parse("<u2"), NDBuffer<ushort>.DataType);
        Assert.Equal(DataType.Parse("<f4"), NDBuffer<float>.DataType);
        Assert.Equal(DataType.Parse("|u1"), NDBuffer<byte>.DataType);
    }

    [Fact]
    public void Bytes_AreLittleEndianElements()
    {
        Assert.True(BitConverter.IsLittleEndian);
        using var buffer = NDBuffer<ushort>.Allocate([2]);
        buffer[0] = 0x0102;
        buffer[1] = 0x0304;

        Assert.Equal([0x02, 0x01, 0x04, 0x03], buffer.Bytes.ToArray());
    }

    [Fact]
    public void Allocate_SteadyStateReusesPooledMemory()
    {
        int[] shape = [512, 512]; // 1 MiB of float
        const long bufferBytes = 512 * 512 * sizeof(float);
        const int warmUp = 32;
        const int iterations = 1000;
        for (int i = 0; i < warmUp; i++)
        {
            RentAndReturn(shape);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < iterations; i++)
        {
            RentAndReturn(shape);
        }

        long perIteration = (GC.GetAllocatedBytesForCurrentThread() - before) / iterations;

        // Only the small NDBuffer object and its shape array should be new; 1 KiB is ~1/1000 of the buffer.
        Assert.True(perIteration < 1024, $"Allocate/Dispose of a {bufferBytes}-byte buffer allocated {perIteration} bytes per iteration after warm-up.");
    }

    private static void RentAndReturn(int[] shape)
    {
        using var buffer = NDBuffer<float>.Allocate(shape, clear: false);
        buffer.Span[0] = 1;
    }
}
