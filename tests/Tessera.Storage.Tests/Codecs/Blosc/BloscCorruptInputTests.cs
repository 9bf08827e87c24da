using System.Buffers.Binary;
using Tessera.Codecs;
using Tessera.Codecs.Blosc;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>Bad frames throw <see cref="CodecException"/> saying what was expected and found, and nothing else.</summary>
public sealed class BloscCorruptInputTests
{
    private static readonly byte[] s_source = BloscTestData.SmoothNoise(100_003, 2, seed: 9);

    [Fact]
    public void BloscCodec_RejectsFrameShorterThanHeader()
    {
        var ex = Decode(Frame()[..10]);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("10 bytes", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(40_000)]
    public void BloscCodec_RejectsTruncatedFrame(int missing)
    {
        byte[] frame = Frame();
        var ex = Decode(frame[..^missing]);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains($"{frame.Length} bytes", ex.Message);
    }

    [Fact]
    public void BloscCodec_RejectsTruncatedPlainCopy()
    {
        byte[] frame = Frame(level: 0);
        Assert.Contains("truncated", Decode(frame[..^1]).Message);
    }

    [Fact]
    public void BloscCodec_RejectsDestinationTooSmall()
    {
        var ex = Assert.Throws<CodecException>(() => new BloscCodec().Decode(Frame(), new byte[s_source.Length - 2]));
        Assert.Contains($"decodes to {s_source.Length} bytes", ex.Message);
        Assert.Contains($"holds only {s_source.Length - 2}", ex.Message);
    }

    [Fact]
    public void BloscCodec_RejectsUnknownCompressorFormat()
    {
        byte[] frame = Frame();
        frame[2] = (byte)((frame[2] & 0x1F) | (6 << 5));
        var ex = Decode(frame);
        Assert.Contains("compressor format 6", ex.Message);
    }

    [Fact]
    public void BloscCodec_RefusesSnappyByName()
    {
        byte[] frame = Frame();
        frame[2] = (byte)((frame[2] & 0x1F) | (2 << 5));
        Assert.Contains("snappy", Decode(frame).Message);
    }

    [Fact]
    public void BloscCodec_RejectsBlosc2Frames()
    {
        byte[] frame = Frame();
        frame[0] = 3;
        Assert.Contains("version 3", Decode(frame).Message);
    }

    [Fact]
    public void BloscCodec_RejectsUnknownCompressorVersion()
    {
        byte[] frame = Frame();
        frame[1] = 2;
        Assert.Contains("lz4 data has format version 2", Decode(frame).Message);
    }

    [Fact]
    public void BloscCodec_RejectsReservedFlag()
    {
        byte[] frame = Frame();
        frame[2] |= 0x08;
        Assert.Contains("reserved", Decode(frame).Message);
    }

    [Fact]
    public void BloscCodec_RejectsPlainCopyOfWrongSize()
    {
        byte[] frame = Frame(level: 0);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), s_source.Length - 1);
        var ex = Decode(frame);
        Assert.Contains("uncompressed", ex.Message);
        Assert.Contains($"{frame.Length}", ex.Message);
    }

    [Fact]
    public void BloscCodec_RejectsFrameTooShortForBlockOffsets()
    {
        byte[] frame = Frame();
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), 17);
        Assert.Contains("too short for the offsets", Decode(frame).Message);
    }

    [Fact]
    public void BloscCodec_RejectsBadBlockSize()
    {
        byte[] frame = Frame();
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(8), 0);
        Assert.Contains("block size 0", Decode(frame).Message);
    }

    [Fact]
    public void BloscCodec_RejectsBlockOffsetOutsideFrame()
    {
        byte[] frame = Frame();
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(16), frame.Length + 100);
        Assert.Contains("Block 0", Decode(frame).Message);
    }

    [Fact]
    public void BloscCodec_RejectsSplitSizeBeyondFrame()
    {
        byte[] frame = Frame();
        int firstSplit = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(16));
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(firstSplit), int.MaxValue);
        Assert.Contains($"claims {int.MaxValue} compressed bytes", Decode(frame).Message);
    }

    [Theory]
    [InlineData(BloscCompressor.Lz4)]
    [InlineData(BloscCompressor.Zstd)]
    [InlineData(BloscCompressor.Zlib)]
    public void BloscCodec_RejectsCorruptCompressedData(BloscCompressor compressor)
    {
        // Damage the first split that is compressed (a split that did not compress is stored as is).
        byte[] frame = Frame(compressor);
        int blockSize = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(8));
        int splitLength = (frame[2] & 0x10) != 0 ? blockSize : blockSize / 2;
        int split = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(16));
        while (BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(split)) == splitLength)
        {
            split += 4 + BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(split));
        }

        frame.AsSpan(split + 4, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(split))).Fill(0xFF);
        var ex = Decode(frame);
        Assert.Contains("does not decode", ex.Message);
        Assert.Contains(compressor.ToString().ToLowerInvariant(), ex.Message);
    }

    [Theory]
    [InlineData(BloscCompressor.Lz4, BloscShuffle.Byte)]
    [InlineData(BloscCompressor.Lz4, BloscShuffle.Bit)]
    [InlineData(BloscCompressor.Zstd, BloscShuffle.Byte)]
    [InlineData(BloscCompressor.Zlib, BloscShuffle.None)]
    public void BloscCodec_ThrowsOnlyCodecExceptionOnRandomDamage(BloscCompressor compressor, BloscShuffle shuffle)
    {
        byte[] source = BloscTestData.SmoothNoise(5_003, 4, seed: 10);
        byte[] frame = Frame(compressor, shuffle: shuffle, source: source, typeSize: 4, blockSize: 4096);
        var codec = new BloscCodec(typeSize: 4);
        var destination = new byte[source.Length + 64];
        var random = new Random(12);
        for (int trial = 0; trial < 1500; trial++)
        {
            byte[] damaged = (byte[])frame.Clone();
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                // Mostly hit the header and offsets, where damage is most likely to mislead the decoder.
                int at = random.Next(4) == 0 ? random.Next(damaged.Length) : random.Next(Math.Min(64, damaged.Length));
                damaged[at] ^= (byte)random.Next(1, 256);
            }

            if (random.Next(8) == 0)
            {
                damaged = damaged[..random.Next(damaged.Length)];
            }

            try
            {
                Assert.InRange(codec.Decode(damaged, destination), 0, destination.Length);
            }
            catch (CodecException)
            {
            }
        }
    }

    private static CodecException Decode(byte[] frame) =>
        Assert.Throws<CodecException>(() => new BloscCodec().Decode(frame, new byte[s_source.Length]));

    private static byte[] Frame(
        BloscCompressor compressor = BloscCompressor.Lz4, int level = 5, BloscShuffle shuffle = BloscShuffle.Byte, byte[]? source = null, int typeSize = 2, int blockSize = 0)
    {
        source ??= s_source;
        var codec = new BloscCodec(compressor, level, shuffle, blockSize, typeSize);
        var frame = new byte[codec.GetMaxEncodedLength(source.Length)];
        return frame[..codec.Encode(source, frame)];
    }
}
