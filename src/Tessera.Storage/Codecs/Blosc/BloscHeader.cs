using System.Buffers.Binary;

namespace Tessera.Codecs.Blosc;

/// <summary>
/// The 16-byte header of a Blosc-1 frame: format version, compressor format version, flags, type
/// size, then the decoded size, block size and frame size as little-endian 32-bit integers.
/// Unless the frame is a plain copy (<see cref="MemcpyFlag"/>), an array of 32-bit block offsets
/// follows, then the blocks; each block is one or more "splits", each a 32-bit compressed size
/// followed by that many bytes.
/// </summary>
/// <param name="Version">The frame format version (c-blosc 1.x writes 2).</param>
/// <param name="CodecVersion">The version of the compressor's format (1 for every compressor).</param>
/// <param name="Flags">Filter, copy, split and compressor bits.</param>
/// <param name="TypeSize">Bytes per item that the shuffles use.</param>
/// <param name="DecodedSize">Bytes after decoding.</param>
/// <param name="BlockSize">Decoded bytes per block (the last block may be shorter).</param>
/// <param name="FrameSize">Bytes of the whole frame, header included.</param>
internal readonly record struct BloscHeader(
    byte Version, byte CodecVersion, byte Flags, byte TypeSize, int DecodedSize, int BlockSize, int FrameSize)
{
    /// <summary>Bytes in the header, and the most a frame adds to its data (c-blosc's BLOSC_MAX_OVERHEAD).</summary>
    public const int Size = 16;

    /// <summary>The frame format version that c-blosc 1.x writes.</summary>
    public const byte CurrentVersion = 2;

    /// <summary>The compressor format version c-blosc 1.x writes for every compressor.</summary>
    public const byte CurrentCodecVersion = 1;

    /// <summary>Flag bit 0: the blocks are byte-shuffled.</summary>
    public const byte ByteShuffleFlag = 0x01;

    /// <summary>Flag bit 1: the data follows the header uncompressed.</summary>
    public const byte MemcpyFlag = 0x02;

    /// <summary>Flag bit 2: the blocks are bit-shuffled.</summary>
    public const byte BitShuffleFlag = 0x04;

    /// <summary>Flag bit 3: reserved; c-blosc 1.x refuses frames that set it.</summary>
    public const byte ReservedFlag = 0x08;

    /// <summary>Flag bit 4: blocks are not split into one stream per byte of the type.</summary>
    public const byte DontSplitFlag = 0x10;

    /// <summary>Compressor format code (flag bits 5-7) of blosclz.</summary>
    public const int BloscLzFormat = 0;

    /// <summary>Compressor format code of lz4 and lz4hc.</summary>
    public const int Lz4Format = 1;

    /// <summary>Compressor format code of snappy.</summary>
    public const int SnappyFormat = 2;

    /// <summary>Compressor format code of zlib.</summary>
    public const int ZlibFormat = 3;

    /// <summary>Compressor format code of zstd.</summary>
    public const int ZstdFormat = 4;

    /// <summary>Largest type size; c-blosc treats larger types as bytes.</summary>
    public const int MaxTypeSize = 255;

    /// <summary>Largest decoded size of one frame (c-blosc's BLOSC_MAX_BUFFERSIZE).</summary>
    public const int MaxDecodedSize = int.MaxValue - Size;

    /// <summary>Largest block size c-blosc accepts (BLOSC_MAX_BLOCKSIZE).</summary>
    public const int MaxBlockSize = (int.MaxValue - (MaxTypeSize * sizeof(int))) / 3;

    /// <summary>Smallest buffer c-blosc compresses (MIN_BUFFERSIZE); smaller ones are copied.</summary>
    public const int MinBufferSize = 128;

    /// <summary>Most splits per block (MAX_SPLITS): larger types are never split.</summary>
    public const int MaxSplits = 16;

    /// <summary>The compressor format code in flag bits 5-7.</summary>
    public int Format => Flags >> 5;

    /// <summary>Whether the data follows the header uncompressed.</summary>
    public bool IsMemcpy => (Flags & MemcpyFlag) != 0;

    /// <summary>The number of blocks, the last one possibly short.</summary>
    public int BlockCount => BlockSize <= 0 ? 0 : (DecodedSize / BlockSize) + (DecodedSize % BlockSize > 0 ? 1 : 0);

    /// <summary>Reads the header at the start of <paramref name="frame"/> (at least <see cref="Size"/> bytes).</summary>
    public static BloscHeader Read(ReadOnlySpan<byte> frame) => new(
        frame[0],
        frame[1],
        frame[2],
        frame[3],
        BinaryPrimitives.ReadInt32LittleEndian(frame[4..]),
        BinaryPrimitives.ReadInt32LittleEndian(frame[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(frame[12..]));

    /// <summary>
    /// Whether a block of <paramref name="blockBytes"/> is stored as one stream per byte of the type.
    /// c-blosc 1.x decodes a block as split only when the header allows it, the type has at most
    /// <see cref="MaxSplits"/> bytes, the block holds at least <see cref="MinBufferSize"/> items and
    /// it is not the short last block; the size rules predate the flag and still apply.
    /// </summary>
    public static bool IsSplit(byte flags, int typeSize, int blockBytes, bool isLeftover) =>
        (flags & DontSplitFlag) == 0 && typeSize <= MaxSplits && blockBytes / typeSize >= MinBufferSize && !isLeftover;

    /// <summary>Writes the header to the start of <paramref name="frame"/>.</summary>
    public void Write(Span<byte> frame)
    {
        frame[0] = Version;
        frame[1] = CodecVersion;
        frame[2] = Flags;
        frame[3] = TypeSize;
        BinaryPrimitives.WriteInt32LittleEndian(frame[4..], DecodedSize);
        BinaryPrimitives.WriteInt32LittleEndian(frame[8..], BlockSize);
        BinaryPrimitives.WriteInt32LittleEndian(frame[12..], FrameSize);
    }
}
