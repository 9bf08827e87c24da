using Tessera.Buffers;
using System.Buffers.Binary;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// Writes Blosc-1 frames the way c-blosc 1.21 does (single-threaded, forward-compatible split
/// mode), so that numcodecs and every c-blosc since 1.0 read them: same block sizes, same split
/// rules, same fallbacks to uncompressed splits and to a plain copy of the whole buffer.
/// </summary>
internal static class BloscEncoder
{
    private const int L1CacheSize = 32 * 1024;

    /// <summary>
    /// Encodes <paramref name="source"/> into <paramref name="destination"/> (at least
    /// <c>source.Length + 16</c> bytes) and returns the frame length, at most <c>source.Length + 16</c>.
    /// </summary>
    /// <param name="source">The bytes to encode.</param>
    /// <param name="destination">Where the frame goes.</param>
    /// <param name="compressor">lz4, lz4hc, zlib or zstd.</param>
    /// <param name="level">0 (plain copy) to 9.</param>
    /// <param name="shuffle">The filter, already resolved (not <see cref="BloscShuffle.Auto"/>).</param>
    /// <param name="typeSize">Bytes per item (values over 255 mean 1, as in c-blosc).</param>
    /// <param name="forcedBlockSize">0 to pick the block size, else the requested size (c-blosc adjusts it).</param>
    public static int Encode(
        ReadOnlySpan<byte> source, Span<byte> destination, BloscCompressor compressor, int level, BloscShuffle shuffle, int typeSize, int forcedBlockSize) =>
        Encode(new BloscSource(source, null), destination, compressor, level, shuffle, typeSize, forcedBlockSize);

    /// <summary>
    /// Encodes gathered bytes into the same frame as <see cref="Encode(ReadOnlySpan{byte}, Span{byte}, BloscCompressor, int, BloscShuffle, int, int)"/>
    /// writes for them assembled, copying out one block at a time.
    /// </summary>
    public static int Encode(
        IGatheredBytes source, Span<byte> destination, BloscCompressor compressor, int level, BloscShuffle shuffle, int typeSize, int forcedBlockSize) =>
        Encode(new BloscSource(default, source), destination, compressor, level, shuffle, typeSize, forcedBlockSize);

    private static int Encode(
        BloscSource source, Span<byte> destination, BloscCompressor compressor, int level, BloscShuffle shuffle, int typeSize, int forcedBlockSize)
    {
        int n = source.Length;
        int typeBytes = typeSize > BloscHeader.MaxTypeSize ? 1 : typeSize;
        int blockSize = ComputeBlockSize(compressor, level, typeBytes, n, forcedBlockSize);
        int blockCount = (n / blockSize) + (n % blockSize > 0 ? 1 : 0);

        int flags = shuffle switch
        {
            BloscShuffle.Byte => BloscHeader.ByteShuffleFlag,
            BloscShuffle.Bit => BloscHeader.BitShuffleFlag,
            _ => 0,
        };
        if (!SplitsBlocks(compressor, typeBytes, blockSize))
        {
            flags |= BloscHeader.DontSplitFlag;
        }

        flags |= BloscCompressorInfo.FormatCode(compressor) << 5;
        int frameSize = level == 0 || n < BloscHeader.MinBufferSize
            ? -1
            : EncodeBlocks(source, destination[..(n + BloscHeader.Size)], compressor, level, (byte)flags, typeBytes, blockSize, blockCount);
        if (frameSize < 0)
        {
            // Level 0, a tiny buffer or data that does not compress: c-blosc copies the buffer whole.
            flags |= BloscHeader.MemcpyFlag;
            source.CopyTo(destination.Slice(BloscHeader.Size, n));
            frameSize = n + BloscHeader.Size;
        }

        new BloscHeader(BloscHeader.CurrentVersion, BloscHeader.CurrentCodecVersion, (byte)flags, (byte)typeBytes, n, blockSize, frameSize)
            .Write(destination);
        return frameSize;
    }

    /// <summary>
    /// c-blosc 1.21's compute_blocksize: about 32 KiB scaled by the level (doubled for the
    /// high-ratio compressors), then, for blocks split by byte, times the type size between
    /// 64 KiB and 1 MiB; never more than the buffer, and a multiple of the type size.
    /// </summary>
    public static int ComputeBlockSize(BloscCompressor compressor, int level, int typeSize, int length, int forcedBlockSize)
    {
        if (length < typeSize)
        {
            return 1;
        }

        int blockSize = length;
        bool highRatio = BloscCompressorInfo.IsHighCompressionRatio(compressor);
        if (forcedBlockSize > 0)
        {
            blockSize = Math.Clamp(forcedBlockSize, BloscHeader.MinBufferSize, BloscHeader.MaxBlockSize);
        }
        else if (length >= L1CacheSize)
        {
            blockSize = highRatio ? 2 * L1CacheSize : L1CacheSize;
            blockSize = level switch
            {
                0 => blockSize / 4,
                1 => blockSize / 2,
                2 => blockSize,
                3 => blockSize * 2,
                4 or 5 => blockSize * 4,
                6 or 7 or 8 => blockSize * 8,
                _ => blockSize * (highRatio ? 16 : 8),
            };
        }

        if (level > 0 && SplitsBlocks(compressor, typeSize, blockSize))
        {
            blockSize = Math.Clamp(Math.Min(blockSize, 1 << 18) * typeSize, 1 << 16, 1 << 20);
        }

        blockSize = Math.Min(blockSize, length);
        return blockSize > typeSize ? blockSize / typeSize * typeSize : blockSize;
    }

    /// <summary>c-blosc's forward-compatible split rule: every compressor but zstd, small types, big enough blocks.</summary>
    private static bool SplitsBlocks(BloscCompressor compressor, int typeSize, int blockSize) =>
        compressor != BloscCompressor.Zstd && typeSize <= BloscHeader.MaxSplits && blockSize / typeSize >= BloscHeader.MinBufferSize;

    /// <summary>Writes the block offsets and blocks; returns the frame size, or -1 if it would not fit.</summary>
    private static int EncodeBlocks(
        BloscSource source, Span<byte> frame, BloscCompressor compressor, int level, byte flags, int typeSize, int blockSize, int blockCount)
    {
        int position = BloscHeader.Size + (4 * blockCount);
        if (position > frame.Length)
        {
            return -1;
        }

        bool shuffled = typeSize > 1 && (flags & BloscHeader.ByteShuffleFlag) != 0;
        bool bitShuffled = !shuffled && (flags & BloscHeader.BitShuffleFlag) != 0;
        byte[]? scratch = shuffled ? BufferPool.Rent<byte>(blockSize) : bitShuffled ? BufferPool.Rent<byte>(2 * blockSize) : null;
        byte[]? gathered = source.IsGathered ? BufferPool.Rent<byte>(blockSize) : null;
        try
        {
            for (int b = 0; b < blockCount; b++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame[(BloscHeader.Size + (4 * b))..], position);
                int start = b * blockSize;
                ReadOnlySpan<byte> block = source.Block(start, Math.Min(blockSize, source.Length - start), gathered);
                ReadOnlySpan<byte> filtered = block;
                if (scratch is not null && (shuffled || block.Length >= typeSize))
                {
                    Span<byte> target = scratch.AsSpan(0, block.Length);
                    if (shuffled)
                    {
                        Shuffle.ShuffleBlock(typeSize, block, target);
                    }
                    else
                    {
                        BitShuffle.BitShuffleBlock(typeSize, block, target, scratch.AsSpan(blockSize, block.Length));
                    }

                    filtered = target;
                }

                position = EncodeSplits(filtered, frame, position, compressor, level, flags, typeSize, isLeftover: block.Length < blockSize);
                if (position < 0)
                {
                    return -1;
                }
            }
        }
        finally
        {
            if (scratch is not null)
            {
                BufferPool.Return(scratch);
            }

            if (gathered is not null)
            {
                BufferPool.Return(gathered);
            }
        }

        return position;
    }

    /// <summary>Writes one block's splits at <paramref name="position"/>; returns the new position, or -1 if they would not fit.</summary>
    private static int EncodeSplits(
        ReadOnlySpan<byte> block, Span<byte> frame, int position, BloscCompressor compressor, int level, byte flags, int typeSize, bool isLeftover)
    {
        int splits = BloscHeader.IsSplit(flags, typeSize, block.Length, isLeftover) ? typeSize : 1;
        int splitLength = block.Length / splits;
        for (int s = 0; s < splits; s++)
        {
            position += 4;
            int room = Math.Min(splitLength, frame.Length - position);
            if (room <= 0)
            {
                return -1;
            }

            ReadOnlySpan<byte> split = block.Slice(s * splitLength, splitLength);
            int written = BloscSplitCodec.Encode(compressor, level, split, frame.Slice(position, room));
            if (written == 0 || written >= splitLength)
            {
                // Stored as is; the decoder recognises it by its size.
                if (splitLength > frame.Length - position)
                {
                    return -1;
                }

                split.CopyTo(frame[position..]);
                written = splitLength;
            }

            BinaryPrimitives.WriteInt32LittleEndian(frame[(position - 4)..], written);
            position += written;
        }

        return position;
    }

    /// <summary>What the encoder compresses: one span, or gathered bytes copied out a block at a time.</summary>
    private readonly ref struct BloscSource
    {
        private readonly ReadOnlySpan<byte> _bytes;
        private readonly IGatheredBytes? _gathered;

        public BloscSource(ReadOnlySpan<byte> bytes, IGatheredBytes? gathered)
        {
            _bytes = bytes;
            _gathered = gathered;
        }

        public int Length => _gathered?.Length ?? _bytes.Length;

        public bool IsGathered => _gathered is not null;

        /// <summary>Bytes <paramref name="start"/> … + <paramref name="length"/> − 1: a slice, or copied into <paramref name="scratch"/> when gathered.</summary>
        public ReadOnlySpan<byte> Block(int start, int length, byte[]? scratch)
        {
            if (_gathered is null)
            {
                return _bytes.Slice(start, length);
            }

            var block = scratch.AsSpan(0, length);
            _gathered.CopyTo(start, block);
            return block;
        }

        public void CopyTo(Span<byte> destination)
        {
            if (_gathered is null)
            {
                _bytes.CopyTo(destination);
            }
            else
            {
                _gathered.CopyTo(0, destination[..Length]);
            }
        }
    }
}
