using System.Buffers.Binary;
using Tessera.Codecs.Blosc;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>
/// Blosc interoperability with numcodecs 0.11 (c-blosc 1.21), both ways: Tessera decodes what
/// numcodecs wrote, numcodecs decodes what Tessera wrote.
/// </summary>
public sealed class BloscNumcodecsInteropTests : IClassFixture<NumcodecsBloscFixture>
{
    private readonly NumcodecsBloscFixture _fixture;

    public BloscNumcodecsInteropTests(NumcodecsBloscFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> NumcodecsWrittenCases() => [.. BloscReferenceCases.NumcodecsWritten.Select(c => c.Name)];

    public static TheoryData<string> TesseraWrittenCases() => [.. BloscReferenceCases.TesseraWritten.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(NumcodecsWrittenCases))]
    public void BloscCodec_DecodesNumcodecsFrame(string name) => AssertDecodes(name);

    [Fact]
    public void BloscCodec_DecodesBitshuffledLz4() => AssertDecodes("lz4-bitshuffle-t2-n100003-c1-b0", expectFlags: 0x04, expectMultipleBlocks: true);

    [Fact]
    public void BloscCodec_DecodesByteShuffledSplitLz4() => AssertDecodes("lz4-byteshuffle-t4-n100003-c1-b0", expectFlags: 0x01, expectMultipleBlocks: true);

    [Fact]
    public void BloscCodec_DecodesUnsplitZstd() => AssertDecodes("zstd-byteshuffle-t8-n70001-c5-b12000", expectFlags: 0x10 | 0x01, expectMultipleBlocks: true);

    [Fact]
    public void BloscCodec_DecodesBloscLz() => AssertDecodes("blosclz-byteshuffle-t4-n100003-c1-b0", expectFlags: 0x01, expectMultipleBlocks: true);

    [Fact]
    public void BloscCodec_DecodesBitshuffledOddTypeSize() => AssertDecodes("zlib-bitshuffle-t7-n100003-c1-b0", expectFlags: 0x04, expectMultipleBlocks: true);

    [Fact]
    public void BloscCodec_DecodesPlainCopyAtLevelZero() => AssertDecodes("lz4hc-byteshuffle-t2-n1000-c0-b0", expectFlags: 0x03);

    [Fact]
    public void BloscCodec_DecodesIntoLargerDestination()
    {
        var c = BloscReferenceCases.NumcodecsWritten.First(c => c.Name == "lz4-byteshuffle-t2-n1000-c5-b0");
        byte[] raw = File.ReadAllBytes(_fixture.NumcodecsWritten.Combine(c.RawFileName));
        byte[] frame = File.ReadAllBytes(_fixture.NumcodecsWritten.Combine(c.FrameFileName));
        var destination = new byte[raw.Length + 100];

        Assert.Equal(raw.Length, new BloscCodec().Decode(frame, destination));
        Assert.Equal(raw, destination[..raw.Length]);
    }

    [Theory]
    [MemberData(nameof(TesseraWrittenCases))]
    public void Numcodecs_DecodesTesseraFrame(string name)
    {
        _fixture.ThrowIfEncodeFailed(name);
        var (verdict, numcodecsHeader) = _fixture.Verdicts[name];
        Assert.Equal("ok", verdict);

        // Same format versions, flags, type size, decoded size and block size as numcodecs picks,
        // except the plain-copy flag: whether a tiny block compresses depends on the LZ4 settings.
        byte[] ours = File.ReadAllBytes(_fixture.TesseraWritten.Combine(name + ".blosc"))[..12];
        byte[] theirs = numcodecsHeader[..12];
        ours[2] &= unchecked((byte)~0x02);
        theirs[2] &= unchecked((byte)~0x02);
        Assert.Equal(Convert.ToHexString(theirs), Convert.ToHexString(ours));
    }

    [Theory]
    [MemberData(nameof(TesseraWrittenCases))]
    public void BloscCodec_RoundTripsItsOwnFrames(string name)
    {
        _fixture.ThrowIfEncodeFailed(name);
        var c = BloscReferenceCases.TesseraWritten.First(c => c.Name == name);
        byte[] raw = File.ReadAllBytes(_fixture.TesseraWritten.Combine(c.RawFileName));
        byte[] frame = File.ReadAllBytes(_fixture.TesseraWritten.Combine(c.FrameFileName));
        var decoded = new byte[raw.Length];

        Assert.Equal(raw.Length, new BloscCodec().Decode(frame, decoded));
        AssertSameBytes(raw, decoded);
    }

    private void AssertDecodes(string name, int? expectFlags = null, bool expectMultipleBlocks = false)
    {
        var c = BloscReferenceCases.NumcodecsWritten.First(c => c.Name == name);
        byte[] raw = File.ReadAllBytes(_fixture.NumcodecsWritten.Combine(c.RawFileName));
        byte[] frame = File.ReadAllBytes(_fixture.NumcodecsWritten.Combine(c.FrameFileName));
        if (expectFlags is int flags)
        {
            // Guard the test's premise: the frame really uses the feature it is named after.
            Assert.Equal(flags, frame[2] & 0x1F);
        }

        if (expectMultipleBlocks)
        {
            int blockSize = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(8));
            Assert.True(raw.Length > blockSize && raw.Length % blockSize != 0, $"{name}: {raw.Length} bytes in blocks of {blockSize}");
        }

        var decoded = new byte[raw.Length];
        Assert.Equal(raw.Length, new BloscCodec(typeSize: c.TypeSize).Decode(frame, decoded));
        AssertSameBytes(raw, decoded);
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        int first = expected.AsSpan().CommonPrefixLength(actual);
        Assert.True(first == expected.Length && actual.Length == expected.Length, $"Decoded bytes differ from byte {first} of {expected.Length}.");
    }
}
