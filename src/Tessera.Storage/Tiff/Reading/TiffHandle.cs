using System.Diagnostics.CodeAnalysis;
using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Tiff.Reading;

/// <summary>
/// One open LibTiff.NET <see cref="Tiff"/> over its own stream. A handle is not thread-safe: <see cref="TiffFile"/>
/// lends each to one reader at a time. Every call into the library runs inside <see cref="LibTiffErrors.Capture"/>
/// so that its errors become <see cref="TiffFormatException"/>s naming the file and page.
/// </summary>
internal sealed class TiffHandle : IDisposable
{
    private readonly LibTiff _tiff;
    private readonly string _path;
    private readonly Stream _stream;
    private readonly TiffReadCounter _counter;
    private long _currentOffset;

    private TiffHandle(LibTiff tiff, string path, Stream stream, TiffReadCounter counter)
    {
        _tiff = tiff;
        _path = path;
        _stream = stream;
        _counter = counter;
        _currentOffset = tiff.CurrentDirOffset();
    }

    /// <summary>The underlying LibTiff.NET object, positioned on the current page.</summary>
    public LibTiff Library => _tiff;

    /// <summary>The file's length in bytes.</summary>
    public long Length => _stream.Length;

    /// <summary>Opens <paramref name="path"/> through <paramref name="openStream"/>; reads the header and page 0.</summary>
    public static TiffHandle Open(string path, Func<Stream> openStream, TiffReadCounter counter)
    {
        var stream = openStream();
        using var errors = LibTiffErrors.Capture();
        LibTiff? tiff;
        try
        {
            tiff = LibTiff.ClientOpen(path, "r", stream, new CountingTiffStream(stream, counter));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stream.Dispose();
            throw new TiffFormatException($"'{path}' is not a readable TIFF file: {e.Message}", e);
        }

        if (tiff is null)
        {
            bool bigEndianBigTiff = IsBigEndianBigTiff(stream);
            stream.Dispose();
            string why = errors.HasErrors ? errors.Messages : "LibTiff.NET could not read its header";
            if (bigEndianBigTiff)
            {
                // LibTiff.NET 2.4.660 reads little-endian BigTIFF and big-endian classic TIFF, but not this combination.
                throw new TiffFormatException(
                    $"'{path}' is a big-endian BigTIFF, which Tessera's TIFF library (LibTiff.NET) cannot read. " +
                    $"Convert it to little-endian first, e.g. 'tiffcp -L -8 in.tif out.tif'. LibTiff.NET: {why}.");
            }

            throw new TiffFormatException(
                $"'{path}' is not a readable TIFF file (classic or BigTIFF, either byte order): {why}.");
        }

        return new TiffHandle(tiff, path, stream, counter);
    }

    /// <summary>Records where the library is now, after the caller walked directories itself.</summary>
    public void SyncPosition() => _currentOffset = _tiff.CurrentDirOffset();

    /// <summary>Whether the file is BigTIFF: its header's version (bytes 2–3) is 43, not 42 (LibTiff.NET does not say).</summary>
    public bool IsBigTiff()
    {
        Span<byte> header = stackalloc byte[4];
        _stream.Position = 0;
        _counter.Add(_stream.ReadAtLeast(header, 4, throwOnEndOfStream: false));
        return header.SequenceEqual("II+\0"u8) || header.SequenceEqual("MM\0+"u8);
    }

    private static bool IsBigEndianBigTiff(Stream stream)
    {
        try
        {
            Span<byte> header = stackalloc byte[4];
            stream.Position = 0;
            return stream.ReadAtLeast(header, 4, throwOnEndOfStream: false) == 4 && header.SequenceEqual("MM\0+"u8);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Moves to the page whose directory starts at <paramref name="offset"/>.</summary>
    public void SetPage(int page, long offset)
    {
        if (_currentOffset == offset)
        {
            return;
        }

        using var errors = LibTiffErrors.Capture();
        if (!_tiff.SetSubDirectory(offset) || errors.HasErrors)
        {
            _currentOffset = -1;
            ThrowPage(page, "its directory could not be read", errors.Messages);
        }

        _currentOffset = offset;
    }

    /// <summary>Decodes the current page, laid out as <paramref name="info"/> says, into <paramref name="destination"/>.</summary>
    public void Decode(TiffPageInfo info, Span<byte> destination)
    {
        using var errors = LibTiffErrors.Capture();
        if (info.IsTiled)
        {
            DecodeTiles(info, destination, errors);
        }
        else
        {
            DecodeStrips(info, destination, errors);
        }
    }

    /// <summary>
    /// Reads an uncompressed page whose pixel bytes lie in one run from <paramref name="offset"/> straight into
    /// <paramref name="destination"/>, without LibTiff.NET (whose strip buffer and per-page directory parsing would
    /// double the cost of the copy), then puts the samples in this machine's byte order.
    /// </summary>
    public void ReadStored(TiffPageInfo info, long offset, Span<byte> destination)
    {
        int got;
        try
        {
            _stream.Position = offset;
            got = _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            // Still an IOException, so that the scheduler retries it like any other I/O error, but naming the page.
            throw new IOException($"Reading page {info.Index} of '{_path}' (bytes {offset}..{offset + destination.Length - 1}) failed: {e.Message}", e);
        }

        _counter.Add(got);
        if (got != destination.Length)
        {
            ThrowPage(info.Index, $"its pixel data (bytes {offset}..{offset + destination.Length - 1}) ends after {got} of {destination.Length} bytes; the file is truncated. Copy it again from its source", string.Empty);
        }

        if (info.IsBigEndian == BitConverter.IsLittleEndian)
        {
            Endianness.SwapInPlace(destination, info.DataType.ItemSize);
        }
    }

    public void Dispose() => _tiff.Dispose();

    private void DecodeStrips(TiffPageInfo info, Span<byte> destination, LibTiffErrors.Scope errors)
    {
        int rowBytes = info.Width * info.DataType.ItemSize;

        // LibTiff may chop one big uncompressed strip into many small ones: ask for the layout it reports now.
        int rowsPerStrip = (int)Math.Min(_tiff.GetFieldDefaulted(TiffTag.ROWSPERSTRIP)[0].ToLong(), info.Height);
        int strips = _tiff.NumberOfStrips();
        byte[] buffer = BufferPool.Rent<byte>(Math.Max(_tiff.StripSize(), rowsPerStrip * rowBytes));
        try
        {
            for (int s = 0; s < strips; s++)
            {
                int row = s * rowsPerStrip;
                if (row >= info.Height)
                {
                    break;
                }

                int bytes = Math.Min(rowsPerStrip, info.Height - row) * rowBytes;
                int got = _tiff.ReadEncodedStrip(s, buffer, 0, bytes);
                if (got != bytes || errors.HasErrors)
                {
                    ThrowBlock(info, $"strip {s} (rows {row}..{row + (bytes / rowBytes) - 1})", got, bytes, errors.Messages);
                }

                buffer.AsSpan(0, bytes).CopyTo(destination.Slice(row * rowBytes));
            }
        }
        finally
        {
            BufferPool.Return(buffer);
        }
    }

    private void DecodeTiles(TiffPageInfo info, Span<byte> destination, LibTiffErrors.Scope errors)
    {
        int item = info.DataType.ItemSize;
        int tileWidth = info.BlockWidth;
        int tileHeight = info.BlockHeight;
        int tileBytes = tileWidth * tileHeight * item;
        int rowBytes = info.Width * item;
        byte[] buffer = BufferPool.Rent<byte>(Math.Max(_tiff.TileSize(), tileBytes));
        try
        {
            for (int y = 0; y < info.Height; y += tileHeight)
            {
                int rows = Math.Min(tileHeight, info.Height - y);
                for (int x = 0; x < info.Width; x += tileWidth)
                {
                    int tile = _tiff.ComputeTile(x, y, 0, 0);
                    int got = _tiff.ReadEncodedTile(tile, buffer, 0, tileBytes);
                    if (got != tileBytes || errors.HasErrors)
                    {
                        ThrowBlock(info, $"tile {tile} (at y {y}, x {x})", got, tileBytes, errors.Messages);
                    }

                    int cols = Math.Min(tileWidth, info.Width - x) * item;
                    for (int r = 0; r < rows; r++)
                    {
                        buffer.AsSpan(r * tileWidth * item, cols).CopyTo(destination.Slice(((y + r) * rowBytes) + (x * item)));
                    }
                }
            }
        }
        finally
        {
            BufferPool.Return(buffer);
        }
    }

    [DoesNotReturn]
    private void ThrowBlock(TiffPageInfo info, string block, int got, int expected, string messages)
    {
        _currentOffset = -1;
        string what = got < 0
            ? "could not be decoded"
            : $"decoded to {got} bytes instead of {expected}";
        ThrowPage(
            info.Index,
            $"{block} ({info.CompressionName} compression, code {info.Compression}) {what}; the file may be truncated or corrupt",
            messages);
    }

    [DoesNotReturn]
    private void ThrowPage(int page, string what, string messages)
    {
        string detail = string.IsNullOrEmpty(messages) ? string.Empty : $" LibTiff.NET: {messages}.";
        throw new TiffFormatException($"Page {page} of '{_path}': {what}.{detail}");
    }
}
