using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Shapes;

namespace Tessera.Tiff.Writing;

/// <summary>Writes a whole in-memory stack as a multi-page TIFF in one call; for large stacks stream pages with <see cref="TiffStackWriter"/>.</summary>
public static class TiffWriter
{
    /// <summary>Writes <paramref name="data"/>, of <paramref name="shape"/> (… , y, x) in C order, one page per (y, x) plane.</summary>
    /// <param name="path">The target file; replaced only when the whole stack is written.</param>
    /// <param name="data">The elements' bytes in C order and the machine's byte order.</param>
    /// <param name="shape">At least two sizes, the last two y and x.</param>
    /// <param name="dataType">The element type (see <see cref="TiffStackWriter"/>).</param>
    /// <param name="options">Compression, strips, BigTIFF and metadata; null uses the defaults.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two axes or does not match the data's length, or an option is not allowed.</exception>
    /// <exception cref="TiffWriteException">LibTiff.NET failed.</exception>
    /// <exception cref="IOException">Writing or renaming failed.</exception>
    public static void Write(string path, ReadOnlySpan<byte> data, ReadOnlySpan<int> shape, DataType dataType, TiffWriterOptions? options = null)
    {
        (int height, int width, long pages) = Pages(data.Length, shape, dataType);
        using var writer = new TiffStackWriter(path, height, width, dataType, pages, options);
        int pageBytes = writer.PageBytes;
        for (long p = 0; p < pages; p++)
        {
            writer.WritePage(data.Slice(checked((int)(p * pageBytes)), pageBytes));
        }

        writer.Complete();
    }

    /// <summary>Writes <paramref name="buffer"/> (… , y, x) as a multi-page TIFF.</summary>
    /// <typeparam name="T">The element type: byte, ushort, short, int, uint or float.</typeparam>
    /// <param name="path">The target file; replaced only when the whole stack is written.</param>
    /// <param name="options">Compression, strips, BigTIFF and metadata; null uses the defaults.</param>
    /// <inheritdoc cref="Write(string, ReadOnlySpan{byte}, ReadOnlySpan{int}, DataType, TiffWriterOptions?)" path="/exception"/>
    /// <param name="buffer">The stack, at least two-dimensional.</param>
    public static void Write<T>(string path, NDBuffer<T> buffer, TiffWriterOptions? options = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Write(path, buffer.Bytes, buffer.Shape, NDBuffer<T>.DataType, options);
    }

    /// <summary>
    /// Writes <paramref name="buffer"/> (… , y, x) as a multi-page TIFF on the thread pool (LibTiff.NET is synchronous),
    /// checking <paramref name="cancellationToken"/> between pages; a cancelled write leaves the target untouched.
    /// </summary>
    /// <typeparam name="T">The element type: byte, ushort, short, int, uint or float.</typeparam>
    /// <param name="path">The target file; replaced only when the whole stack is written.</param>
    /// <param name="options">Compression, strips, BigTIFF and metadata; null uses the defaults.</param>
    /// <inheritdoc cref="Write(string, ReadOnlySpan{byte}, ReadOnlySpan{int}, DataType, TiffWriterOptions?)" path="/exception"/>
    /// <param name="buffer">The stack, at least two-dimensional; it must not be disposed before the task ends.</param>
    /// <param name="cancellationToken">Cancels between pages.</param>
    /// <exception cref="OperationCanceledException">The write was cancelled.</exception>
    public static Task WriteAsync<T>(string path, NDBuffer<T> buffer, TiffWriterOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        int[] shape = buffer.Shape.ToArray();
        Memory<byte> data = buffer.ByteMemory;
        DataType dataType = NDBuffer<T>.DataType;
        (int height, int width, long pages) = Pages(data.Length, shape, dataType);
        return Task.Run(
            () =>
            {
                using var writer = new TiffStackWriter(path, height, width, dataType, pages, options);
                int pageBytes = writer.PageBytes;
                for (long p = 0; p < pages; p++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.WritePage(data.Span.Slice(checked((int)(p * pageBytes)), pageBytes));
                }

                writer.Complete();
            },
            cancellationToken);
    }

    private static (int Height, int Width, long Pages) Pages(int byteLength, ReadOnlySpan<int> shape, DataType dataType)
    {
        if (shape.Length < 2)
        {
            throw new ArgumentException($"A TIFF stack needs at least (y, x); got shape {ShapeMath.Format(shape)}.", nameof(shape));
        }

        long pages = 1;
        foreach (int s in shape[..^2])
        {
            pages *= s;
        }

        long expected = pages * shape[^2] * shape[^1] * dataType.ItemSize;
        if (expected != byteLength)
        {
            throw new ArgumentException($"Shape {ShapeMath.Format(shape)} of {dataType.Name} is {expected} bytes; the data has {byteLength}.", nameof(shape));
        }

        return (shape[^2], shape[^1], pages);
    }
}
