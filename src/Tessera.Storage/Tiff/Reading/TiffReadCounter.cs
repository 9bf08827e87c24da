namespace Tessera.Tiff.Reading;

/// <summary>A thread-safe count of the bytes LibTiff.NET has read from one file, across all its handles.</summary>
internal sealed class TiffReadCounter
{
    private long _bytes;

    /// <summary>Bytes read so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Adds <paramref name="bytes"/> read.</summary>
    public void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
