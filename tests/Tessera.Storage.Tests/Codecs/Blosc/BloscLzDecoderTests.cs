using System.Text;
using Tessera.Codecs.Blosc;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>The BloscLZ decoder on hand-assembled streams (numcodecs' frames are covered by the interop tests).</summary>
public sealed class BloscLzDecoderTests
{
    [Fact]
    public void BloscLz_DecodesLiteralRun()
    {
        // 0x20 is the format marker on the first control byte; 2 means a run of 3 literals.
        Assert.Equal("abc", Decode([0x22, (byte)'a', (byte)'b', (byte)'c'], 3));
    }

    [Fact]
    public void BloscLz_DecodesOverlappingMatch()
    {
        // Match: length code 4 (6 bytes), distance 3 (stored as 2).
        Assert.Equal("abcabcabc", Decode([0x22, (byte)'a', (byte)'b', (byte)'c', 0x80, 0x02], 9));
    }

    [Fact]
    public void BloscLz_DecodesRunWithExtendedLength()
    {
        // Length code 7 plus an extra byte 1: 7 - 1 + 1 + 3 = 10 copies of the previous byte.
        Assert.Equal(new string('x', 11), Decode([0x20, (byte)'x', 0xE0, 0x01, 0x00], 11));
    }

    [Fact]
    public void BloscLz_DecodesLongExtendedLength()
    {
        // Extra length bytes of 255 chain: 6 + 255 + 255 + 4 + 3 = 523 bytes.
        Assert.Equal(new string('y', 524), Decode([0x20, (byte)'y', 0xE0, 0xFF, 0xFF, 0x04, 0x00], 524));
    }

    [Fact]
    public void BloscLz_DecodesFarMatch()
    {
        // 8200 literal bytes, then a 5-byte match 8200 back: marker 31/255, then 8200 - 8192 = 8 big-endian.
        var literals = BloscTestData.RandomBytes(8200, seed: 5);
        var stream = new List<byte>();
        for (int i = 0; i < literals.Length; i += 32)
        {
            int run = Math.Min(32, literals.Length - i);
            stream.Add((byte)(run - 1));
            stream.AddRange(literals.AsSpan(i, run).ToArray());
        }

        stream.AddRange([(3 << 5) | 31, 0xFF, 0x00, 0x08]);
        var output = new byte[8205];

        Assert.Equal(8205, BloscLzDecoder.Decode(stream.ToArray(), output));
        Assert.Equal(literals, output[..8200]);
        Assert.Equal(literals[..5], output[8200..]);
    }

    [Theory]
    [InlineData(new byte[0], 4)]
    [InlineData(new byte[] { 0x22, 0x61, 0x62 }, 4)]
    [InlineData(new byte[] { 0x22, 0x61, 0x62, 0x63 }, 2)]
    [InlineData(new byte[] { 0x20, 0x61, 0x80, 0x05 }, 16)]
    [InlineData(new byte[] { 0x20, 0x61, 0xE0, 0xFF }, 600)]
    [InlineData(new byte[] { 0x20, 0x61, 0x3F, 0xFF, 0x00 }, 16)]
    [InlineData(new byte[] { 0x20, 0x61, 0xE0, 0x40, 0x00 }, 16)]
    public void BloscLz_RejectsCorruptStreams(byte[] stream, int outputLength)
    {
        // Truncated literal, output too small, distance before the start, truncated length,
        // truncated far distance, match past the end of the output.
        Assert.Equal(-1, BloscLzDecoder.Decode(stream, new byte[outputLength]));
    }

    [Fact]
    public void BloscLz_NeverThrowsOnRandomInput()
    {
        var random = new Random(11);
        var output = new byte[4096];
        for (int i = 0; i < 5000; i++)
        {
            var stream = new byte[random.Next(1, 200)];
            random.NextBytes(stream);
            int n = BloscLzDecoder.Decode(stream, output);
            Assert.InRange(n, -1, output.Length);
        }
    }

    private static string Decode(byte[] stream, int length)
    {
        var output = new byte[length];
        Assert.Equal(length, BloscLzDecoder.Decode(stream, output));
        return Encoding.ASCII.GetString(output);
    }
}
