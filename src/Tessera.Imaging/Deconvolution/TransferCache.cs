using Tessera.Buffers;

namespace Tessera.Imaging.Deconvolution;

/// <summary>
/// OTFs shared by the blocks that deconvolve with the same PSF block at the same volume shape, so that
/// blocks of one channel prepare the OTF once while any of them runs. An OTF is disposed when its last
/// user releases it, so the cache never holds memory outside the working sets the scheduler admitted.
/// Thread-safe.
/// </summary>
internal sealed class TransferCache
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Gets the OTF for <paramref name="key"/>, making it from <paramref name="psf"/> if no block holds it now. Release it with <see cref="Release"/>.</summary>
    public OpticalTransfer Acquire(string key, NDBuffer<float> psf, ReadOnlySpan<int> volumeShape, int threads)
    {
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                int[] shape = volumeShape.ToArray();
                entry = new Entry(new Lazy<OpticalTransfer>(() => OpticalTransfer.Create(psf, shape, threads)));
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            return entry.Transfer.Value;
        }
        catch
        {
            Release(key);
            throw;
        }
    }

    /// <summary>Releases one use of <paramref name="key"/>; the last release disposes the OTF.</summary>
    public void Release(string key)
    {
        Entry? dispose = null;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && --entry.Users == 0)
            {
                _entries.Remove(key);
                dispose = entry;
            }
        }

        if (dispose is { Transfer.IsValueCreated: true })
        {
            dispose.Transfer.Value.Dispose();
        }
    }

    private sealed class Entry(Lazy<OpticalTransfer> transfer)
    {
        public Lazy<OpticalTransfer> Transfer { get; } = transfer;

        public int Users { get; set; }
    }
}
