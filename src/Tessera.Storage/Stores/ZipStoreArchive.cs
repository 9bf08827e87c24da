using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Tessera.Stores;

/// <summary>
/// One zip file as a read-only snapshot: its central directory, parsed once into keys sorted in ordinal
/// order, and one file handle that every read shares. Reads use positional I/O
/// (<see cref="RandomAccess"/>), which has no shared file position, so concurrent reads need no lock.
/// The handle is reference-counted so that a <see cref="ZipStore"/> can swap in a newly committed
/// archive while reads of the old one finish.
/// </summary>
internal sealed class ZipStoreArchive
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64EndLocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int EndOfCentralDirectoryLength = 22;
    private const int LocalHeaderLength = 30;
    private const ushort Stored = 0;
    private const ushort Deflated = 8;

    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, Entry> _entries;
    private int _references = 1;

    private ZipStoreArchive(string path, SafeFileHandle handle, Dictionary<string, Entry> entries)
    {
        Path = path;
        _handle = handle;
        _entries = entries;
        Keys = [.. entries.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The file, for error messages.</summary>
    public string Path { get; }

    /// <summary>Every key, in ordinal order.</summary>
    public string[] Keys { get; }

    /// <summary>Opens and parses the archive at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no file at the path.</exception>
    /// <exception cref="ZipStoreException">The file is not a zip archive or is damaged.</exception>
    public static ZipStoreArchive Open(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"The zip store '{path}' does not exist. Check the path, or open it with {nameof(ZipStoreMode)}.{nameof(ZipStoreMode.Create)} to make a new archive.", path, ex);
        }

        return Open(path, handle);
    }

    /// <summary>Parses the archive behind <paramref name="handle"/>, which the result then owns.</summary>
    /// <exception cref="ZipStoreException">The file is not a zip archive or is damaged.</exception>
    public static ZipStoreArchive Open(string path, SafeFileHandle handle)
    {
        try
        {
            return new ZipStoreArchive(path, handle, ReadCentralDirectory(path, handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="key"/> is an entry.</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Takes a reference, so that the handle stays open; false if the archive was already released.</summary>
    public bool TryAcquire()
    {
        int current = Volatile.Read(ref _references);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Drops a reference; the last one closes the file.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _handle.Dispose();
        }
    }

    /// <summary>Reads <paramref name="key"/>, or the part <paramref name="range"/> selects; null if it is not an entry.</summary>
    public async ValueTask<StoreValue?> ReadAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        var (offset, length) = range?.Resolve(entry.Length) ?? (0, entry.Length);
        if (length > Array.MaxLength)
        {
            throw new IOException($"'{Describe(key)}' holds {length} bytes, more than one read can return; read it in ranges.");
        }

        var value = StoreValue.Rent((int)length);
        try
        {
            if (entry.Method == Stored)
            {
                // Stored data lies in the file as is: read just the range, wherever it is.
                long start = await DataOffsetAsync(entry, cancellationToken).ConfigureAwait(false) + offset;
                await ReadExactlyAsync(start, value.WritableMemory, key, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Deflate streams cannot seek: inflate from the start, discard up to the range, stop at its end.
                await using var stream = await OpenEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                await SkipAsync(stream, offset, key, cancellationToken).ConfigureAwait(false);
                await ReadExactlyAsync(stream, value.WritableMemory, key, cancellationToken).ConfigureAwait(false);
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>A stream of the decompressed bytes of <paramref name="key"/>, which must be an entry.</summary>
    public ValueTask<Stream> OpenAsync(string key, CancellationToken cancellationToken) =>
        OpenEntryAsync(_entries[key], cancellationToken);

    private async ValueTask<Stream> OpenEntryAsync(Entry entry, CancellationToken cancellationToken)
    {
        long start = await DataOffsetAsync(entry, cancellationToken).ConfigureAwait(false);
        var raw = new ZipStoreEntryStream(_handle, start, entry.CompressedLength);
        return entry.Method == Stored ? raw : new DeflateStream(raw, CompressionMode.Decompress);
    }

    private async ValueTask<long> DataOffsetAsync(Entry entry, CancellationToken cancellationToken)
    {
        long known = Volatile.Read(ref entry.DataOffset);
        if (known >= 0)
        {
            return known;
        }

        // The local header's name and extra field may differ in length from the central directory's,
        // so the data offset is only known after reading it; cache it, racing readers agree on the value.
        var header = new byte[LocalHeaderLength];
        await ReadExactlyAsync(entry.LocalHeaderOffset, header, entry.Key, cancellationToken).ConfigureAwait(false);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature)
        {
            throw Damaged($"the local header of entry '{entry.Key}' at byte {entry.LocalHeaderOffset} has no signature");
        }

        long offset = entry.LocalHeaderOffset + LocalHeaderLength + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
        if (offset + entry.CompressedLength > RandomAccess.GetLength(_handle))
        {
            throw Damaged($"entry '{entry.Key}' runs past the end of the file");
        }

        Volatile.Write(ref entry.DataOffset, offset);
        return offset;
    }

    private async ValueTask ReadExactlyAsync(long fileOffset, Memory<byte> destination, string key, CancellationToken cancellationToken)
    {
        int read = 0;
        while (read < destination.Length)
        {
            int n = await RandomAccess.ReadAsync(_handle, destination[read..], fileOffset + read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw Damaged($"entry '{key}' ends early; the file is truncated");
            }

            read += n;
        }
    }

    private async ValueTask ReadExactlyAsync(Stream stream, Memory<byte> destination, string key, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            throw Damaged($"entry '{key}' does not inflate to its recorded length ({ex.Message})", ex);
        }
    }

    private async ValueTask SkipAsync(Stream stream, long count, string key, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        var scratch = StoreValue.Rent((int)Math.Min(count, 1 << 16));
        try
        {
            while (count > 0)
            {
                int n = (int)Math.Min(count, scratch.Length);
                await ReadExactlyAsync(stream, scratch.WritableMemory[..n], key, cancellationToken).ConfigureAwait(false);
                count -= n;
            }
        }
        finally
        {
            scratch.Dispose();
        }
    }

    private string Describe(string key) => $"{Path}!/{key}";

    private ZipStoreException Damaged(string what, Exception? inner = null) =>
        new($"The zip store '{Path}' is damaged: {what}. Recreate the archive, or extract what is readable with another zip tool.", inner);

    private static Dictionary<string, Entry> ReadCentralDirectory(string path, SafeFileHandle handle)
    {
        long fileLength = RandomAccess.GetLength(handle);

        // The end record is the last 22 bytes unless the archive has a comment (at most 65535 bytes).
        int tailLength = (int)Math.Min(fileLength, EndOfCentralDirectoryLength + ushort.MaxValue + 20);
        var tail = new byte[tailLength];
        ReadExactly(handle, tail, fileLength - tailLength, path);
        int end = -1;
        for (int i = tailLength - EndOfCentralDirectoryLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectorySignature)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw new ZipStoreException($"'{path}' is not a zip archive: it has no end-of-central-directory record ({fileLength} bytes). Pass the path of a .zip file, or open it with {nameof(ZipStoreMode)}.{nameof(ZipStoreMode.Create)} to replace it.");
        }

        var record = tail.AsSpan(end);
        long entryCount = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        long directoryLength = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        if (BinaryPrimitives.ReadUInt16LittleEndian(record[4..]) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(record[6..]) != 0)
        {
            throw new ZipStoreException($"'{path}' is part of a multi-volume (split) zip archive, which zip stores do not read. Join the parts into one archive first.");
        }

        // Zip64: the real counts and offsets are in a second end record, found through a locator.
        if (end >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - 20)) == Zip64EndLocatorSignature)
        {
            long zip64End = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(end - 12));
            var zip64 = new byte[56];
            if (zip64End < 0 || zip64End + zip64.Length > fileLength)
            {
                throw new ZipStoreException($"The zip store '{path}' is damaged: its Zip64 end record lies outside the file.");
            }

            ReadExactly(handle, zip64, zip64End, path);
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64EndSignature)
            {
                throw new ZipStoreException($"The zip store '{path}' is damaged: its Zip64 end record has no signature.");
            }

            entryCount = BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(32));
            directoryLength = BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(40));
            directoryOffset = BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(48));
        }

        if (directoryOffset < 0 || directoryLength < 0 || directoryOffset + directoryLength > fileLength || directoryLength > Array.MaxLength)
        {
            throw new ZipStoreException($"The zip store '{path}' is damaged: its central directory ({directoryLength} bytes at {directoryOffset}) lies outside the file of {fileLength} bytes.");
        }

        var directory = new byte[directoryLength];
        ReadExactly(handle, directory, directoryOffset, path);
        return ParseEntries(path, directory, entryCount);
    }

    private static Dictionary<string, Entry> ParseEntries(string path, ReadOnlySpan<byte> directory, long entryCount)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        int position = 0;
        for (long i = 0; i < entryCount; i++)
        {
            if (position + 46 > directory.Length || BinaryPrimitives.ReadUInt32LittleEndian(directory[position..]) != CentralHeaderSignature)
            {
                throw new ZipStoreException($"The zip store '{path}' is damaged: central directory entry {i} of {entryCount} is missing or has no signature.");
            }

            var header = directory[position..];
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            ushort method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            long length = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            if (position + 46 + nameLength + extraLength + commentLength > directory.Length)
            {
                throw new ZipStoreException($"The zip store '{path}' is damaged: central directory entry {i} runs past the directory's end.");
            }

            // Names are UTF-8 in practice (zarr-python's and .NET's writers); code page 437 names of ASCII keys decode the same.
            string name = Encoding.UTF8.GetString(header.Slice(46, nameLength));
            ReadZip64Extra(header.Slice(46 + nameLength, extraLength), ref length, ref compressed, ref localOffset);
            position += 46 + nameLength + extraLength + commentLength;

            if (name.EndsWith('/') || !IsValidKey(name))
            {
                continue; // Folder entries and names that no store key can address (absolute, "..").
            }

            if ((flags & 1) != 0)
            {
                throw new ZipStoreException($"The zip store '{path}' holds encrypted entry '{name}'; zip stores read only unencrypted archives. Re-create the archive without a password.");
            }

            if (method is not (Stored or Deflated))
            {
                throw new ZipStoreException($"The zip store '{path}' holds entry '{name}' compressed with method {method}; zip stores read stored (0) and deflated (8) entries. Re-create the archive with one of those.");
            }

            // A name that occurs twice resolves to the later entry, as in Python's zipfile.
            entries[name] = new Entry(name, method, localOffset, compressed, length);
        }

        return entries;
    }

    private static void ReadZip64Extra(ReadOnlySpan<byte> extra, ref long length, ref long compressed, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int size = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]), extra.Length - 4);
            if (id == 1)
            {
                // Only the fields whose 32-bit value is saturated are present, in this order.
                var field = extra.Slice(4, size);
                if (length == uint.MaxValue && field.Length >= 8)
                {
                    length = BinaryPrimitives.ReadInt64LittleEndian(field);
                    field = field[8..];
                }

                if (compressed == uint.MaxValue && field.Length >= 8)
                {
                    compressed = BinaryPrimitives.ReadInt64LittleEndian(field);
                    field = field[8..];
                }

                if (localOffset == uint.MaxValue && field.Length >= 8)
                {
                    localOffset = BinaryPrimitives.ReadInt64LittleEndian(field);
                }

                return;
            }

            extra = extra[(4 + size)..];
        }
    }

    private static bool IsValidKey(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset, string path)
    {
        int read = 0;
        while (read < destination.Length)
        {
            int n = RandomAccess.Read(handle, destination[read..], offset + read);
            if (n == 0)
            {
                throw new ZipStoreException($"The zip store '{path}' is damaged: it ends early while reading byte {offset + read}.");
            }

            read += n;
        }
    }

    /// <summary>One entry of the central directory.</summary>
    private sealed class Entry(string key, ushort method, long localHeaderOffset, long compressedLength, long length)
    {
        /// <summary>Where the entry's data starts, once its local header was read; -1 before.</summary>
        public long DataOffset = -1;

        public string Key { get; } = key;

        public ushort Method { get; } = method;

        public long LocalHeaderOffset { get; } = localHeaderOffset;

        public long CompressedLength { get; } = compressedLength;

        public long Length { get; } = length;
    }
}
