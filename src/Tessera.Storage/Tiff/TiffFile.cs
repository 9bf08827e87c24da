using System.Collections.Concurrent;
using System.Text;
using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;
using Tessera.DataTypes;
using Tessera.Tiff.Metadata;
using Tessera.Tiff.Reading;

namespace Tessera.Tiff;

/// <summary>
/// A multi-page TIFF file (classic or BigTIFF, either byte order) whose pages form one stack of equally sized
/// single-sample images. <see cref="Open(string)"/> reads only the directories; <see cref="ReadPages"/> decodes just
/// the pages asked for. Thread-safe: concurrent reads each use their own LibTiff.NET handle from a small pool.
/// </summary>
public sealed partial class TiffFile : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Func<Stream> _openStream;
    private readonly TiffReadCounter _counter;
    private readonly long[] _offsets;

    // Per page: where its pixel bytes start when it is uncompressed and stored in one run (read without LibTiff.NET), else -1.
    private readonly long[] _storedOffsets;
    private readonly ConcurrentBag<TiffHandle> _idle = [];
    private readonly Lazy<TiffMetadata> _metadata;
    private volatile bool _disposed;

    private TiffFile(string path, Func<Stream> openStream, TiffReadCounter counter, TiffHandle first)
    {
        Path = path;
        _openStream = openStream;
        _counter = counter;
        var tiff = first.Library;
        ImageDescription = ReadText(tiff, TiffTag.IMAGEDESCRIPTION);
        XResolution = tiff.GetField(TiffTag.XRESOLUTION) is { } xr ? xr[0].ToDouble() : null;
        YResolution = tiff.GetField(TiffTag.YRESOLUTION) is { } yr ? yr[0].ToDouble() : null;
        ResolutionUnit = tiff.GetFieldDefaulted(TiffTag.RESOLUTIONUNIT) is { } ru ? ru[0].ToInt() : 2;
        IsBigTiff = first.IsBigTiff();
        (PageInfos, _offsets, _storedOffsets) = ReadDirectories(first, path);
        first.SyncPosition();
        _idle.Add(first);
        _metadata = new Lazy<TiffMetadata>(() => TiffMetadata.Read(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The file's path as given to <see cref="Open(string)"/>.</summary>
    public string Path { get; }

    /// <summary>Whether the file is BigTIFF (64-bit offsets) rather than classic TIFF.</summary>
    public bool IsBigTiff { get; }

    /// <summary>The number of pages (image file directories) in the file.</summary>
    public int Pages => PageInfos.Count;

    /// <summary>The size of every page: (y, x) = (height, width) in pixels.</summary>
    public (int Y, int X) PageShape => (PageInfos[0].Height, PageInfos[0].Width);

    /// <summary>The element type of every page, in this machine's byte order.</summary>
    public DataType DataType => PageInfos[0].DataType;

    /// <summary>Bytes of one decoded page.</summary>
    public long PageByteCount => PageInfos[0].ByteCount;

    /// <summary>The layout of each page, as read from its tags.</summary>
    public IReadOnlyList<TiffPageInfo> PageInfos { get; }

    /// <summary>Page 0's ImageDescription tag (ImageJ's or OME's metadata live here), or null.</summary>
    public string? ImageDescription { get; }

    /// <summary>Page 0's XResolution tag (pixels per <see cref="ResolutionUnit"/>), or null.</summary>
    public double? XResolution { get; }

    /// <summary>Page 0's YResolution tag (pixels per <see cref="ResolutionUnit"/>), or null.</summary>
    public double? YResolution { get; }

    /// <summary>Page 0's ResolutionUnit tag: 1 none (ImageJ: see its unit), 2 inch (the default), 3 centimetre.</summary>
    public int ResolutionUnit { get; }

    /// <summary>The ImageJ or OME-XML metadata of page 0, or a plain (z, y, x) stack when there is none.</summary>
    /// <exception cref="TiffFormatException">The metadata is malformed or contradicts the pages.</exception>
    public TiffMetadata Metadata => _metadata.Value;

    /// <summary>Bytes LibTiff.NET has read from the file so far, through all handles (for tests).</summary>
    internal long BytesRead => _counter.Bytes;

    /// <summary>Opens <paramref name="path"/> and reads its directories (not its pixels).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TiffFormatException">
    /// It is not a TIFF file, a page cannot be decoded by Tessera (several samples per pixel, an unsupported
    /// compression or sample type), or a page's size or type differs from page 0's.
    /// </exception>
    public static TiffFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"TIFF file '{path}' does not exist.", path);
        }

        return Open(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess));
    }

    /// <summary>Opens a TIFF file whose bytes <paramref name="openStream"/> provides (one seekable stream per handle).</summary>
    internal static TiffFile Open(string path, Func<Stream> openStream)
    {
        var counter = new TiffReadCounter();
        var first = TiffHandle.Open(path, openStream, counter);
        try
        {
            return new TiffFile(path, openStream, counter, first);
        }
        catch
        {
            first.Dispose();
            throw;
        }
    }

    /// <summary>Closes every handle. Reads in progress finish; later reads throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var handle))
        {
            handle.Dispose();
        }
    }

    private static (IReadOnlyList<TiffPageInfo> Pages, long[] Offsets, long[] StoredOffsets) ReadDirectories(TiffHandle handle, string path)
    {
        var tiff = handle.Library;
        long length = handle.Length;
        var pages = new List<TiffPageInfo>();
        var offsets = new List<long>();
        var stored = new List<long>();
        using var errors = LibTiffErrors.Capture();
        while (true)
        {
            int page = pages.Count;
            var info = TiffDirectoryReader.Read(tiff, path, page);
            if (page > 0)
            {
                CheckSameAsFirst(path, pages[0], info);
            }

            stored.Add(CheckExtent(tiff, path, info, length));
            pages.Add(info);
            offsets.Add(tiff.CurrentDirOffset());
            if (tiff.LastDirectory())
            {
                break;
            }

            if (!tiff.ReadDirectory() || errors.HasErrors)
            {
                throw new TiffFormatException(
                    $"Page {page + 1} of '{path}': its directory could not be read after page {page}; the file may " +
                    $"be truncated or corrupt. LibTiff.NET: {(errors.HasErrors ? errors.Messages : "no details")}.");
            }
        }

        return (pages.AsReadOnly(), [.. offsets], [.. stored]);
    }

    private static void CheckSameAsFirst(string path, TiffPageInfo first, TiffPageInfo page)
    {
        if (page.Width != first.Width || page.Height != first.Height || page.DataType != first.DataType)
        {
            throw new TiffFormatException(
                $"Page {page.Index} of '{path}' is {page.Height}×{page.Width} {page.DataType.Name}, but page 0 is " +
                $"{first.Height}×{first.Width} {first.DataType.Name}; every page of a stack must have the same size " +
                "and type. Split the file into stacks of equal pages (e.g. 'tiffsplit') or drop thumbnails.");
        }
    }

    /// <summary>
    /// Refuses a page whose blocks reach past the end of the file; returns where its pixel bytes start when the page
    /// can be read without LibTiff.NET (see <see cref="StoredRun"/>), else -1.
    /// </summary>
    private static long CheckExtent(LibTiff tiff, string path, TiffPageInfo info, long length)
    {
        // A truncated file is refused at open, before any compute: each block must lie inside the file.
        if (tiff.GetField(TiffTag.STRIPOFFSETS) is not { } o || tiff.GetField(TiffTag.STRIPBYTECOUNTS) is not { } c)
        {
            return -1;
        }

        long[] offsets = o[0].TolongArray();
        long[] counts = c[0].TolongArray();
        if (offsets is null || counts is null)
        {
            return -1;
        }

        for (int i = 0; i < Math.Min(offsets.Length, counts.Length); i++)
        {
            if (offsets[i] + counts[i] > length)
            {
                throw new TiffFormatException(
                    $"Page {info.Index} of '{path}' is truncated: its {(info.IsTiled ? "tile" : "strip")} {i} needs " +
                    $"bytes {offsets[i]}..{offsets[i] + counts[i] - 1}, but the file has only {length} bytes. " +
                    "Copy the file again from its source.");
            }
        }

        return StoredRun(tiff, info, offsets, counts);
    }

    /// <summary>
    /// The file offset of an uncompressed, stripped page whose strips follow one another with no gap (as microscopes and
    /// tifffile write them), so that its decoded bytes are exactly the file bytes from there on, up to the byte order;
    /// -1 for every other page. Pages with the bits of each byte reversed (FillOrder 2) are left to LibTiff.NET.
    /// </summary>
    private static long StoredRun(LibTiff tiff, TiffPageInfo info, long[] offsets, long[] counts)
    {
        if (info.Compression != 1 || info.IsTiled || tiff.GetFieldDefaulted(TiffTag.FILLORDER)[0].ToInt() != 1)
        {
            return -1;
        }

        long rowBytes = (long)info.Width * info.DataType.ItemSize;
        int rowsPerStrip = Math.Max(1, info.BlockHeight);
        int strips = (info.Height + rowsPerStrip - 1) / rowsPerStrip;
        if (offsets.Length < strips || counts.Length < strips)
        {
            return -1;
        }

        long next = offsets[0];
        for (int s = 0; s < strips; s++)
        {
            long bytes = Math.Min(rowsPerStrip, info.Height - ((long)s * rowsPerStrip)) * rowBytes;
            if (offsets[s] != next || counts[s] < bytes)
            {
                return -1;
            }

            next += bytes;
        }

        return offsets[0];
    }

    private static string? ReadText(LibTiff tiff, TiffTag tag)
    {
        if (tiff.GetField(tag) is not { Length: > 0 } v)
        {
            return null;
        }

        string? text = v[0].Value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string s => s,
            _ => v[0].ToString(),
        };
        if (text is null)
        {
            return null;
        }

        // LibTiff.NET decodes ASCII tags byte by byte; OME-XML and ImageJ write UTF-8 (e.g. 'µm'): re-decode it.
        // Re-decode only when the bytes are valid UTF-8, so text that is already right stays as it is.
        if (text.Any(ch => ch > '\x7f') && text.All(ch => ch <= '\xff'))
        {
            try
            {
                text = StrictUtf8.GetString(Encoding.Latin1.GetBytes(text));
            }
            catch (DecoderFallbackException)
            {
                // Latin-1 text after all: keep it.
            }
        }

        return text.TrimEnd('\0');
    }
}
