using Tessera.Buffers;
using System.IO.Compression;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// Runs the compressor inside a Blosc frame on one split (one compressed stream of a block), with
/// c-blosc 1.x's parameters: lz4 at acceleration <c>10 - clevel</c>, lz4hc and zlib at the Blosc
/// level, zstd at <c>2 * clevel - 1</c> (level 9 meaning zstd's maximum).
/// </summary>
internal static class BloscSplitCodec
{
    // Zstandard contexts are costly to create and not thread-safe: keep one of each per thread.
    [ThreadStatic]
    private static Decompressor? t_zstdDecompressor;

    [ThreadStatic]
    private static Compressor?[]? t_zstdCompressors;

    /// <summary>
    /// Decodes one split in the format with header code <paramref name="format"/> and returns the
    /// number of bytes written, or -1 if the data is corrupt or does not decode to exactly
    /// <paramref name="destination"/>'s length.
    /// </summary>
    /// <exception cref="CodecException">The format is unknown or unsupported.</exception>
    public static int Decode(int format, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = format switch
        {
            BloscHeader.Lz4Format => LZ4Codec.Decode(source, destination),
            BloscHeader.BloscLzFormat => BloscLzDecoder.Decode(source, destination),
            BloscHeader.ZstdFormat => DecodeZstd(source, destination),
            BloscHeader.ZlibFormat => DecodeZlib(source, destination),
            _ => ThrowUnsupportedFormat(format),
        };
        return written == destination.Length ? written : -1;
    }

    /// <summary>
    /// Encodes one split and returns the encoded length, or 0 when it does not fit in
    /// <paramref name="destination"/> (the caller then stores the split uncompressed).
    /// </summary>
    public static int Encode(BloscCompressor compressor, int level, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = compressor switch
        {
            BloscCompressor.Lz4 => EncodeLz4(level, source, destination),
            BloscCompressor.Lz4HC => LZ4Codec.Encode(source, destination, (LZ4Level)Math.Max(level, (int)LZ4Level.L03_HC)),
            BloscCompressor.Zstd => EncodeZstd(level, source, destination),
            BloscCompressor.Zlib => EncodeZlib(level, source, destination),
            _ => throw new InvalidOperationException($"Blosc cannot encode with {compressor}."),
        };
        return Math.Max(written, 0);
    }

    // c-blosc runs LZ4_compress_fast with acceleration 10 - clevel.
    private static int EncodeLz4(int level, ReadOnlySpan<byte> source, Span<byte> destination) =>
        Lz4FastCompressor.Compress(source, destination, 10 - level);

    private static int DecodeZstd(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        try
        {
            var decompressor = t_zstdDecompressor ??= new Decompressor();
            return decompressor.TryUnwrap(source, destination, out int written) ? written : -1;
        }
        catch (ZstdException)
        {
            return -1;
        }
    }

    private static int EncodeZstd(int level, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // c-blosc maps its levels 1-8 to zstd's odd levels 1-15 and 9 to zstd's maximum.
        int zstdLevel = level < 9 ? (2 * level) - 1 : Compressor.MaxCompressionLevel;
        var compressors = t_zstdCompressors ??= new Compressor?[10];
        var compressor = compressors[level] ??= new Compressor(zstdLevel);
        try
        {
            return compressor.TryWrap(source, destination, out int written) ? written : 0;
        }
        catch (ZstdException)
        {
            // ZstdSharp reports a too-small destination as an error when it runs out mid-frame.
            return 0;
        }
    }

    private static unsafe int DecodeZlib(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* src = source)
        {
            using var input = new UnmanagedMemoryStream(src, source.Length);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            try
            {
                int total = 0;
                while (total < destination.Length)
                {
                    int n = zlib.Read(destination[total..]);
                    if (n == 0)
                    {
                        return total;
                    }

                    total += n;
                }

                Span<byte> probe = stackalloc byte[1];
                return zlib.Read(probe) == 0 ? total : -1;
            }
            catch (InvalidDataException)
            {
                return -1;
            }
        }
    }

    private static unsafe int EncodeZlib(int level, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // Compress into pooled scratch, used only if the result fits. The scratch allows for
        // zlib-ng's level-1 worst case (an eighth more than the input), above classic zlib's bound.
        int bound = source.Length + (source.Length >> 3) + 1024;
        byte[] scratch = BufferPool.Rent<byte>(bound);
        try
        {
            int written;
            fixed (byte* dst = scratch)
            {
                using var output = new UnmanagedMemoryStream(dst, 0, bound, FileAccess.Write);
                try
                {
                    using var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true);
                    zlib.Write(source);
                }
                catch (NotSupportedException)
                {
                    // The scratch ran out: the split does not compress.
                    return 0;
                }

                written = (int)output.Position;
            }

            if (written > destination.Length)
            {
                return 0;
            }

            scratch.AsSpan(0, written).CopyTo(destination);
            return written;
        }
        finally
        {
            BufferPool.Return(scratch);
        }
    }

    private static int ThrowUnsupportedFormat(int format) => format == BloscHeader.SnappyFormat
        ? throw new CodecException("The Blosc frame is compressed with snappy, which Tessera does not support. Re-encode the array with another Blosc compressor (lz4, zstd, zlib or blosclz).")
        : throw new CodecException($"The Blosc frame names compressor format {format}; expected 0 (blosclz), 1 (lz4/lz4hc), 3 (zlib) or 4 (zstd). The data may be corrupt or written by a newer Blosc.");
}
