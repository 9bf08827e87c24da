using BitMiracle.LibTiff.Classic;

namespace Tessera.Tiff.Reading;

/// <summary>
/// LibTiff.NET's I/O over a read-only <see cref="Stream"/>, counting every byte that the library reads into a
/// counter shared by all handles of one file, so tests can check that a read touches only what it needs.
/// </summary>
internal sealed class CountingTiffStream(Stream stream, TiffReadCounter counter) : TiffStream
{
    public override int Read(object clientData, byte[] buffer, int offset, int count)
    {
        int total = stream.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
        counter.Add(total);
        return total;
    }

    public override void Write(object clientData, byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Tessera opens TIFF files read-only.");

    public override long Seek(object clientData, long offset, SeekOrigin origin) => stream.Seek(offset, origin);

    public override void Close(object clientData) => stream.Dispose();

    public override long Size(object clientData) => stream.Length;
}
