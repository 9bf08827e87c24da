using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Stores;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace Tessera.Tiff.Writing;

/// <summary>
/// Streams a multi-page grayscale TIFF (optionally OME-TIFF or an ImageJ hyperstack) one page at a time, so a
/// stack never has to be held whole. Pages go to a temporary file beside the target
/// (<c>.&lt;name&gt;.&lt;guid&gt;.tessera-partial</c>) that <see cref="Complete"/> renames over the target once every
/// declared page is written; disposing earlier, or any failure, deletes it and leaves the target untouched.
/// </summary>
/// <remarks>Not thread-safe: write pages from one thread (or one async flow) at a time.</remarks>
public sealed partial class TiffStackWriter : IDisposable, IAsyncDisposable
{
    private readonly string _temporary;
    private readonly int _rowsPerStrip;
    private readonly int _bytesPerRow;
    private readonly string? _description;
    private FileStream? _stream;
    private LibTiff? _tiff;
    private byte[]? _scratch;
    private WriterState _state;

    /// <summary>Creates the temporary file and prepares to write <paramref name="pageCount"/> pages.</summary>
    /// <param name="path">The target file; replaced only when the stack is complete. Its folder must exist.</param>
    /// <param name="height">Rows per page (y).</param>
    /// <param name="width">Columns per page (x).</param>
    /// <param name="dataType">
    /// The element type: uint8, uint16, int16, int32, uint32 or float32. Only the kind matters: pages are always
    /// given and written in the machine's byte order.
    /// </param>
    /// <param name="pageCount">How many pages will be written, at least 1.</param>
    /// <param name="options">Compression, strips, BigTIFF and metadata; null uses <see cref="TiffWriterOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">A size, the data type or an option is not allowed, or the metadata disagrees with the pages.</exception>
    /// <exception cref="IOException">The temporary file could not be created.</exception>
    /// <exception cref="TiffWriteException">LibTiff.NET could not start the file.</exception>
    public TiffStackWriter(string path, int height, int width, DataType dataType, long pageCount, TiffWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TiffWriterOptions.Default;
        Validate(height, width, dataType, pageCount, options);

        Path = System.IO.Path.GetFullPath(path);
        Height = height;
        Width = width;
        DataType = dataType;
        PageCount = pageCount;
        Options = options;
        _bytesPerRow = width * dataType.ItemSize;
        _rowsPerStrip = RowsPerStrip(height, _bytesPerRow, options);
        string fileName = System.IO.Path.GetFileName(Path);
        _description = options.Metadata?.BuildDescription(fileName, dataType);
        IsBigTiff = options.BigTiff switch
        {
            TiffBigTiffMode.Always => true,
            TiffBigTiffMode.Never => false,
            _ => EstimateFileBytes(height, width, dataType, pageCount, options, _description?.Length ?? 0) > options.BigTiffThresholdBytes,
        };

        string directory = System.IO.Path.GetDirectoryName(Path)!;
        _temporary = System.IO.Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}{FileSystemStore.PartialSuffix}");
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16);
        try
        {
            _tiff = LibTiff.ClientOpen(_temporary, IsBigTiff ? "w8" : "w", _stream, new CallerOwnedStream())
                ?? throw new TiffWriteException($"LibTiff.NET could not start a TIFF file at '{_temporary}'.");
            _scratch = BufferPool.Rent<byte>(_rowsPerStrip * _bytesPerRow);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    private enum WriterState
    {
        Open,
        Completed,
        Abandoned,
    }

    /// <summary>The target file (full path).</summary>
    public string Path { get; }

    /// <summary>Rows per page (y).</summary>
    public int Height { get; }

    /// <summary>Columns per page (x).</summary>
    public int Width { get; }

    /// <summary>The element type.</summary>
    public DataType DataType { get; }

    /// <summary>How many pages the stack has.</summary>
    public long PageCount { get; }

    /// <summary>How many pages have been written so far.</summary>
    public long PagesWritten { get; private set; }

    /// <summary>Whether the file is BigTIFF (64-bit offsets) rather than classic TIFF.</summary>
    public bool IsBigTiff { get; }

    /// <summary>The options the writer was created with.</summary>
    public TiffWriterOptions Options { get; }

    /// <summary>Whether <see cref="Complete"/> has renamed the finished file over the target.</summary>
    public bool IsCompleted => _state == WriterState.Completed;

    /// <summary>The bytes of one page: <see cref="Height"/> × <see cref="Width"/> × item size.</summary>
    public int PageBytes => Height * _bytesPerRow;

    /// <summary>Appends the next page.</summary>
    /// <param name="page">The page in C order (row after row) and the machine's byte order; exactly <see cref="PageBytes"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">Every declared page was written already, or the writer is completed, failed or disposed.</exception>
    /// <exception cref="TiffWriteException">LibTiff.NET failed; the temporary file is deleted and the writer unusable.</exception>
    /// <exception cref="IOException">Writing failed; the temporary file is deleted and the writer unusable.</exception>
    public void WritePage(ReadOnlySpan<byte> page)
    {
        ThrowIfNotOpen();
        if (PagesWritten >= PageCount)
        {
            throw new InvalidOperationException($"'{Path}' was declared with {PageCount} pages and all were written; a stack cannot grow. Create the writer with the full page count.");
        }

        if (page.Length != PageBytes)
        {
            throw new ArgumentException($"A page of {Height}×{Width} {DataType.Name} is {PageBytes} bytes; got {page.Length}.", nameof(page));
        }

        try
        {
            WritePageCore(page);
            PagesWritten++;
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>Appends the next page given as elements.</summary>
    /// <typeparam name="T">The element type, matching <see cref="DataType"/>'s kind.</typeparam>
    /// <param name="page">The page in C order, <see cref="Height"/> × <see cref="Width"/> elements.</param>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match <see cref="DataType"/>, or the length is wrong.</exception>
    /// <inheritdoc cref="WritePage(ReadOnlySpan{byte})" path="/exception"/>
    public void WritePage<T>(ReadOnlySpan<T> page)
        where T : unmanaged
    {
        if (DataType.For<T>().Kind != DataType.Kind)
        {
            throw new ArgumentException($"The writer holds {DataType.Name}; pages of {typeof(T).Name} do not match.", nameof(page));
        }

        WritePage(MemoryMarshal.AsBytes(page));
    }

    /// <summary>Finishes the file, flushes it to disk and renames it over the target.</summary>
    /// <exception cref="InvalidOperationException">Fewer pages than declared were written, or the writer failed or was disposed.</exception>
    /// <exception cref="IOException">The file could not be flushed or renamed; the temporary file is deleted.</exception>
    public void Complete()
    {
        if (_state == WriterState.Completed)
        {
            return;
        }

        ThrowIfNotOpen();
        if (PagesWritten != PageCount)
        {
            throw new InvalidOperationException(
                $"Only {PagesWritten} of the {PageCount} declared pages of '{Path}' were written. Write the rest before Complete(), or dispose the writer to discard the file.");
        }

        try
        {
            // Every directory is written already (one per page); closing writes nothing more.
            _tiff!.Dispose();
            _tiff = null;
            _stream!.Flush(flushToDisk: true);
            _stream.Dispose();
            _stream = null;
            File.Move(_temporary, Path, overwrite: true);
            _state = WriterState.Completed;
            ReturnScratch();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>
    /// Completes the file when every page was written (see <see cref="Complete"/>); otherwise deletes the temporary
    /// file and leaves the target as it was.
    /// </summary>
    /// <exception cref="IOException">Completing failed; the temporary file is deleted.</exception>
    public void Dispose()
    {
        if (_state != WriterState.Open)
        {
            return;
        }

        if (PagesWritten == PageCount)
        {
            Complete();
        }
        else
        {
            Abandon();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void ThrowIfNotOpen()
    {
        if (_state != WriterState.Open)
        {
            throw new InvalidOperationException(_state == WriterState.Completed
                ? $"'{Path}' is already complete."
                : $"The writer of '{Path}' failed or was disposed before completing; create a new one.");
        }
    }

    /// <summary>Closes and deletes the temporary file; never throws.</summary>
    private void Abandon()
    {
        _state = WriterState.Abandoned;
        try
        {
            _tiff?.Dispose();
        }
        catch (Exception)
        {
            // The file is being discarded; a failure to finish it does not matter.
        }

        _tiff = null;
        _stream?.Dispose();
        _stream = null;
        ReturnScratch();
        try
        {
            File.Delete(_temporary);
        }
        catch (IOException)
        {
            // Best effort, as FileSystemStore: a leftover partial file is skipped by listings.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void ReturnScratch()
    {
        if (_scratch is not null)
        {
            BufferPool.Return(_scratch);
            _scratch = null;
        }
    }

    /// <summary>Lets LibTiff.NET write to the writer's own <see cref="FileStream"/> without closing it, so it can be flushed to disk first.</summary>
    private sealed class CallerOwnedStream : TiffStream
    {
        public override void Close(object clientData)
        {
        }
    }
}
