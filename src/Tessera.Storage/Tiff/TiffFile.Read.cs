using Tessera.Tiff.Reading;

namespace Tessera.Tiff;

public sealed partial class TiffFile
{
    /// <summary>
    /// Decodes pages <paramref name="firstPage"/> … <paramref name="firstPage"/> + <paramref name="count"/> − 1 into
    /// <paramref name="destination"/>, C order (page, y, x), in this machine's byte order. Reads only those pages'
    /// blocks. Safe to call from several threads at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The pages are not all in the file.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the pages' bytes.</exception>
    /// <exception cref="TiffFormatException">A page cannot be decoded (truncated or corrupt data).</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed.</exception>
    public void ReadPages(int firstPage, int count, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstPage);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)firstPage + count > Pages)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), $"Pages {firstPage}..{firstPage + count - 1} are not all in '{Path}', which has {Pages} pages.");
        }

        long bytes = PageByteCount * count;
        if (destination.Length < bytes)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes; {count} pages of '{Path}' need {bytes}.", nameof(destination));
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var handle = Rent();
        try
        {
            int pageBytes = checked((int)PageByteCount);
            for (int i = 0; i < count; i++)
            {
                int page = firstPage + i;
                var target = destination.Slice(i * pageBytes, pageBytes);
                if (_storedOffsets[page] >= 0)
                {
                    handle.ReadStored(PageInfos[page], _storedOffsets[page], target);
                    continue;
                }

                handle.SetPage(page, _offsets[page]);
                handle.Decode(PageInfos[page], target);
            }
        }
        finally
        {
            Return(handle);
        }
    }

    private TiffHandle Rent() =>
        _idle.TryTake(out var handle) ? handle : TiffHandle.Open(Path, _openStream, _counter);

    private void Return(TiffHandle handle)
    {
        if (_disposed)
        {
            handle.Dispose();
            return;
        }

        _idle.Add(handle);

        // Dispose may have emptied the pool between the check and the add.
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }
}
