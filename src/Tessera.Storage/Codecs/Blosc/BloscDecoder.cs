using Tessera.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// Decodes Blosc-1 frames as c-blosc 1.21 writes them: every compressor but snappy, any filter and
/// type size, plain copies, split and unsplit blocks. Everything read from the frame is checked
/// before use; a bad frame throws <see cref="CodecException"/> and never reads or writes out of
/// bounds.
/// </summary>
internal static class BloscDecoder
{
    /// <summary>Decodes <paramref name="frame"/> into <paramref name="destination"/>; returns the decoded size.</summary>
    /// <exception cref="CodecException">The frame is truncated, corrupt, unsupported or larger than the destination.</exception>
    public static int Decode(ReadOnlySpan<byte> frame, Span<byte> destination)
    {
        if (frame.Length < BloscHeader.Size)
        {
            Throw($"The Blosc frame is truncated: it has {frame.Length} bytes, fewer than the {BloscHeader.Size}-byte header.");
        }

        var header = BloscHeader.Read(frame);
        Validate(header, frame.Length, destination.Length);
        if (header.DecodedSize == 0)
        {
            return 0;
        }

        // c-blosc bounds every read by the frame size in the header; bytes after it are ignored.
        frame = frame[..header.FrameSize];
        if (header.IsMemcpy)
        {
            frame.Slice(BloscHeader.Size, header.DecodedSize).CopyTo(destination);
            return header.DecodedSize;
        }

        bool shuffled = header.TypeSize > 1 && (header.Flags & BloscHeader.ByteShuffleFlag) != 0;
        bool bitShuffled = !shuffled && (header.Flags & BloscHeader.BitShuffleFlag) != 0;
        // No block is longer than the decoded data, whatever the header's block size says.
        int blockLength = Math.Min(header.BlockSize, header.DecodedSize);
        int scratchLength = shuffled ? blockLength : bitShuffled ? 2 * blockLength : 0;
        byte[]? scratch = scratchLength > 0 ? BufferPool.Rent<byte>(scratchLength) : null;
        try
        {
            int blockCount = header.BlockCount;
            for (int b = 0; b < blockCount; b++)
            {
                int start = b * header.BlockSize;
                int length = Math.Min(header.BlockSize, header.DecodedSize - start);
                bool isLeftover = length < header.BlockSize;
                int offset = BinaryPrimitives.ReadInt32LittleEndian(frame[(BloscHeader.Size + (4 * b))..]);
                Span<byte> block = destination.Slice(start, length);
                if (shuffled)
                {
                    DecodeByteShuffledBlock(header, frame, offset, b, block, scratch.AsSpan(0, length), isLeftover);
                }
                else if (bitShuffled && length >= header.TypeSize)
                {
                    Span<byte> unfiltered = scratch.AsSpan(0, length);
                    DecodeSplits(header, frame, offset, b, unfiltered, isLeftover);
                    BitShuffle.BitUnshuffleBlock(header.TypeSize, unfiltered, block, scratch.AsSpan(blockLength, length));
                }
                else
                {
                    // No filter; c-blosc also skips the bit shuffle of a block shorter than one item.
                    DecodeSplits(header, frame, offset, b, block, isLeftover);
                }
            }
        }
        finally
        {
            if (scratch is not null)
            {
                BufferPool.Return(scratch);
            }
        }

        return header.DecodedSize;
    }

    /// <summary>Checks the header against the frame and destination lengths.</summary>
    private static void Validate(in BloscHeader header, int frameLength, int destinationLength)
    {
        if (header.Version is 0 or > BloscHeader.CurrentVersion)
        {
            Throw($"The Blosc frame has format version {header.Version}; expected 1 or 2 (Blosc-1). Blosc2 frames are not supported.");
        }

        if ((header.Flags & BloscHeader.ReservedFlag) != 0)
        {
            Throw($"The Blosc frame sets reserved flag bit 3 (flags 0x{header.Flags:X2}); c-blosc 1.x writes it as 0. The data is corrupt or from an unsupported Blosc.");
        }

        if (header.DecodedSize < 0 || header.FrameSize < BloscHeader.Size)
        {
            Throw($"The Blosc header is corrupt: decoded size {header.DecodedSize} and frame size {header.FrameSize} (expected at least {BloscHeader.Size}).");
        }

        if (header.FrameSize > frameLength)
        {
            Throw($"The Blosc frame is truncated: its header gives {header.FrameSize} bytes but only {frameLength} are present.");
        }

        if (header.DecodedSize > destinationLength)
        {
            Throw($"The Blosc frame decodes to {header.DecodedSize} bytes but the destination holds only {destinationLength}. The chunk does not match the array's chunk shape or data type.");
        }

        if (header.DecodedSize == 0)
        {
            return;
        }

        if (header.BlockSize <= 0 || header.BlockSize > BloscHeader.MaxBlockSize || header.TypeSize == 0)
        {
            Throw($"The Blosc header is corrupt: block size {header.BlockSize} (expected 1 to {BloscHeader.MaxBlockSize}) and type size {header.TypeSize} (expected 1 to 255).");
        }

        if (header.IsMemcpy)
        {
            if (header.FrameSize != header.DecodedSize + BloscHeader.Size)
            {
                Throw($"The Blosc frame is stored uncompressed, so it should have {header.DecodedSize} + {BloscHeader.Size} bytes, but its header gives a frame size of {header.FrameSize}.");
            }
        }
        else if (header.CodecVersion != BloscHeader.CurrentCodecVersion)
        {
            Throw($"The Blosc frame's {BloscCompressorInfo.FormatName(header.Format)} data has format version {header.CodecVersion}; c-blosc 1.x reads only version {BloscHeader.CurrentCodecVersion}.");
        }
        else if (header.BlockCount > (header.FrameSize - BloscHeader.Size) / 4)
        {
            Throw($"The Blosc frame of {header.FrameSize} bytes is too short for the offsets of its {header.BlockCount} blocks.");
        }
    }

    /// <summary>
    /// Decodes a byte-shuffled block. When the block is split by byte, each plane is one split:
    /// planes stored uncompressed are read from the frame in place and only the others are
    /// decompressed into <paramref name="scratch"/>, saving a copy of the (typically noisy) planes
    /// that do not compress.
    /// </summary>
    private static unsafe void DecodeByteShuffledBlock(
        in BloscHeader header, ReadOnlySpan<byte> frame, int offset, int index, Span<byte> block, Span<byte> scratch, bool isLeftover)
    {
        int typeSize = header.TypeSize;
        if (!BloscHeader.IsSplit(header.Flags, typeSize, block.Length, isLeftover))
        {
            DecodeSplits(header, frame, offset, index, scratch, isLeftover);
            Shuffle.UnshuffleBlock(typeSize, scratch, block);
            return;
        }

        int n = block.Length / typeSize;
        int firstData = BloscHeader.Size + (4 * header.BlockCount);
        byte** planes = stackalloc byte*[BloscHeader.MaxSplits];
        fixed (byte* framePointer = frame)
        fixed (byte* scratchPointer = scratch)
        fixed (byte* blockPointer = block)
        {
            for (int s = 0; s < typeSize; s++)
            {
                ReadOnlySpan<byte> source = NextSplit(frame, ref offset, firstData, index);
                if (source.Length == n)
                {
                    planes[s] = framePointer + (offset - n);
                }
                else
                {
                    DecodeSplit(header, source, scratch.Slice(s * n, n), index);
                    planes[s] = scratchPointer + ((nint)s * n);
                }
            }

            Shuffle.UnshufflePlanes(typeSize, planes, n, blockPointer);
        }

        // Only a frame not written by c-blosc splits a block whose size is not a multiple of the type size.
        block[(n * typeSize)..].Clear();
    }

    /// <summary>Decodes the splits of block <paramref name="index"/>, which start at <paramref name="offset"/>, into <paramref name="block"/>.</summary>
    private static void DecodeSplits(in BloscHeader header, ReadOnlySpan<byte> frame, int offset, int index, Span<byte> block, bool isLeftover)
    {
        int splits = BloscHeader.IsSplit(header.Flags, header.TypeSize, block.Length, isLeftover) ? header.TypeSize : 1;
        int splitLength = block.Length / splits;
        int firstData = BloscHeader.Size + (4 * header.BlockCount);
        for (int s = 0; s < splits; s++)
        {
            DecodeSplit(header, NextSplit(frame, ref offset, firstData, index), block.Slice(s * splitLength, splitLength), index);
        }

        // As above: only odd frames leave bytes that no split covers.
        block[(splits * splitLength)..].Clear();
    }

    /// <summary>The compressed bytes of the split at <paramref name="offset"/>, which moves past them.</summary>
    private static ReadOnlySpan<byte> NextSplit(ReadOnlySpan<byte> frame, ref int offset, int firstData, int index)
    {
        if (offset < firstData || offset > frame.Length - 4)
        {
            Throw($"Block {index} of the Blosc frame points at byte {offset}, outside the data area [{firstData}, {frame.Length - 4}]. The frame is corrupt.");
        }

        int compressed = BinaryPrimitives.ReadInt32LittleEndian(frame[offset..]);
        offset += 4;
        if (compressed < 0 || compressed > frame.Length - offset)
        {
            Throw($"Block {index} of the Blosc frame claims {compressed} compressed bytes at byte {offset}, but {frame.Length - offset} remain. The frame is truncated or corrupt.");
        }

        offset += compressed;
        return frame.Slice(offset - compressed, compressed);
    }

    /// <summary>Decodes one split; c-blosc stores a split that does not compress as is, recognisable by its size.</summary>
    private static void DecodeSplit(in BloscHeader header, ReadOnlySpan<byte> source, Span<byte> target, int index)
    {
        if (source.Length == target.Length)
        {
            source.CopyTo(target);
        }
        else if (BloscSplitCodec.Decode(header.Format, source, target) < 0)
        {
            Throw($"Block {index} of the Blosc frame does not decode: its {source.Length} bytes of {BloscCompressorInfo.FormatName(header.Format)} data should give {target.Length} bytes. The data is corrupt.");
        }
    }

    [DoesNotReturn]
    private static void Throw(string message) => throw new CodecException(message);
}
