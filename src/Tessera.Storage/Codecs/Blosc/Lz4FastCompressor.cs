using System.Runtime.InteropServices;
using K4os.Compression.LZ4.Engine;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// LZ4's <c>LZ4_compress_fast</c>, the block compressor c-blosc runs for <c>lz4</c>. It calls the system's liblz4 (the
/// reference implementation, which Debian installs with apt itself) when it can be loaded, and K4os' managed port
/// otherwise. Both write the standard LZ4 block format, so every LZ4 decoder reads either (liblz4 1.9 and K4os 1.3
/// even write the same bytes); the native one compresses about twice as fast, and writing Blosc-LZ4 chunks is most
/// of the CPU time of a conversion to Zarr.
/// </summary>
internal static unsafe class Lz4FastCompressor
{
    private static readonly delegate* unmanaged<byte*, byte*, int, int, int, int> NativeCompress = LoadNative(out NativeVersion);

    /// <summary>Whether the system's liblz4 is in use.</summary>
    public static bool UsesNative => NativeCompress is not null;

    /// <summary>The loaded liblz4's version as LZ4_versionNumber reports it (10904 for 1.9.4), or 0.</summary>
    public static readonly int NativeVersion;

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/> as one independent LZ4 block with
    /// <paramref name="acceleration"/> (1 = LZ4's default; higher is faster, with a lower ratio). Returns the block's
    /// length, or 0 when it does not fit in <paramref name="destination"/>.
    /// </summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int acceleration) =>
        Compress(source, destination, acceleration, UsesNative);

    /// <summary>As <see cref="Compress(ReadOnlySpan{byte}, Span{byte}, int)"/>, with the implementation chosen (for tests).</summary>
    internal static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int acceleration, bool native)
    {
        if (native && !UsesNative)
        {
            throw new InvalidOperationException("The system's liblz4 could not be loaded.");
        }

        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            if (native)
            {
                return Math.Max(0, NativeCompress(src, dst, source.Length, destination.Length, acceleration));
            }

            // K4os exposes LZ4_compress_fast only as the streaming "continue" call: a fresh context per call makes
            // it an independent block, exactly like LZ4_compress_fast.
            using var context = new Pubternal.FastContext();
            return Math.Max(0, Pubternal.CompressFast(context, src, dst, source.Length, destination.Length, acceleration));
        }
    }

    private static delegate* unmanaged<byte*, byte*, int, int, int, int> LoadNative(out int version)
    {
        version = 0;
        string[] names = OperatingSystem.IsWindows() ? ["liblz4.dll", "lz4.dll"]
            : OperatingSystem.IsMacOS() ? ["liblz4.1.dylib", "liblz4.dylib"]
            : ["liblz4.so.1", "liblz4.so"];
        foreach (string name in names)
        {
            if (NativeLibrary.TryLoad(name, out nint library) && NativeLibrary.TryGetExport(library, "LZ4_compress_fast", out nint compress))
            {
                if (NativeLibrary.TryGetExport(library, "LZ4_versionNumber", out nint versionNumber))
                {
                    version = ((delegate* unmanaged<int>)versionNumber)();
                }

                return (delegate* unmanaged<byte*, byte*, int, int, int, int>)compress;
            }
        }

        return null;
    }
}
