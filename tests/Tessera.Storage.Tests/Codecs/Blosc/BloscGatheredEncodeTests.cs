using Tessera.Codecs;
using Tessera.Codecs.Blosc;

namespace Tessera.Storage.Tests.Codecs.Blosc;

public sealed class BloscGatheredEncodeTests
{
    public static TheoryData<BloscCompressor, int, BloscShuffle, int, string, int> Cases()
    {
        var cases = new TheoryData<BloscCompressor, int, BloscShuffle, int, string, int>();
        foreach (var (compressor, level) in new[] { (BloscCompressor.Lz4, 5), (BloscCompressor.Lz4, 1), (BloscCompressor.Lz4, 0), (BloscCompressor.Zstd, 3), (BloscCompressor.Lz4HC, 4) })
        {
            foreach (var shuffle in new[] { BloscShuffle.Byte, BloscShuffle.Bit, BloscShuffle.None })
            {
                foreach (int typeSize in new[] { 1, 2, 4, 8 })
                {
                    cases.Add(compressor, level, shuffle, typeSize, "smooth", 300_001);
                }
            }
        }

        // Incompressible data (a plain copy of the whole buffer), a leftover block, and a buffer too small to compress.
        cases.Add(BloscCompressor.Lz4, 5, BloscShuffle.Byte, 2, "random", 600_000);
        cases.Add(BloscCompressor.Lz4, 9, BloscShuffle.Byte, 4, "smooth", 1_000_004);
        cases.Add(BloscCompressor.Lz4, 5, BloscShuffle.Byte, 2, "smooth", 100);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BloscCodec_EncodesGatheredBytesIntoTheSameFrame(BloscCompressor compressor, int level, BloscShuffle shuffle, int typeSize, string data, int length)
    {
        byte[] source = data == "random" ? BloscTestData.RandomBytes(length, seed: 2) : BloscTestData.SmoothNoise(length / typeSize, typeSize, seed: 2);
        var codec = new BloscCodec(compressor, level, shuffle, typeSize: typeSize);
        byte[] direct = new byte[codec.GetMaxEncodedLength(source.Length)];
        byte[] gathered = new byte[direct.Length];

        int n = codec.Encode(source, direct);
        var pieces = new PiecewiseBytes(source);
        int m = ((IGatheringEncoder)codec).Encode(pieces, gathered);

        Assert.Equal(direct.AsSpan(0, n).ToArray(), gathered.AsSpan(0, m).ToArray());
        Assert.True(pieces.Calls > 0);
        byte[] decoded = new byte[source.Length];
        codec.Decode(gathered.AsSpan(0, m), decoded);
        Assert.Equal(source, decoded);
    }

    /// <summary>Bytes handed out only through <see cref="IGatheredBytes.CopyTo"/>, counting the calls.</summary>
    private sealed class PiecewiseBytes(byte[] bytes) : IGatheredBytes
    {
        public int Calls { get; private set; }

        public int Length => bytes.Length;

        public void CopyTo(int offset, Span<byte> destination)
        {
            Calls++;
            bytes.AsSpan(offset, destination.Length).CopyTo(destination);
        }
    }
}
