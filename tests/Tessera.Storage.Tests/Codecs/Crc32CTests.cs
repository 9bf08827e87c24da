using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Codecs;
using Tessera.DataTypes;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace Tessera.Storage.Tests.Codecs;

/// <summary>
/// <see cref="Crc32C"/> against published check values, every hardware path against the table, and
/// the Zarr v3 <see cref="Crc32CCodec"/>. Run once with <c>DOTNET_EnableHWIntrinsic=0</c> too, so that
/// <see cref="Crc32C.Compute"/> itself goes through the table.
/// </summary>
public sealed class Crc32CTests
{
    public static TheoryData<byte[], uint> KnownVectors()
    {
        var data = new TheoryData<byte[], uint>
        {
            { [], 0x00000000 },
            { Encoding.ASCII.GetBytes("123456789"), 0xE3069283 },
        };

        // RFC 3720 (iSCSI), appendix B.4.
        data.Add(new byte[32], 0x8A9136AA);
        data.Add(Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43);
        data.Add(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), 0x46DD794E);
        data.Add(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(), 0x113FDB5C);
        return data;
    }

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Crc32C_MatchesPublishedValues(byte[] input, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(input));
        Assert.Equal(expected, Crc32C.AppendSoftware(0, input));
        Assert.Equal(expected, Crc32CReference.Compute(input));
        if (Sse42.X64.IsSupported)
        {
            Assert.Equal(expected, Crc32C.AppendSse42(0, input));
        }

        if (ArmCrc32.Arm64.IsSupported)
        {
            Assert.Equal(expected, Crc32C.AppendArm64(0, input));
        }
    }

    [Fact]
    public void Crc32C_EveryPathMatchesBitByBitReferenceAtManyLengthsAndOffsets()
    {
        byte[] buffer = RandomBytes(1000 + 16, seed: 3720);
        for (int length = 0; length <= 1000; length++)
        {
            // Starts off 8-byte alignment exercise the unaligned word reads.
            int start = length % 7;
            var data = buffer.AsSpan(start, length);
            uint expected = Crc32CReference.Compute(data);

            Assert.Equal(expected, Crc32C.AppendSoftware(0, data));
            Assert.Equal(expected, Crc32C.Compute(data));
            if (Sse42.X64.IsSupported)
            {
                Assert.Equal(expected, Crc32C.AppendSse42(0, data));
            }

            if (ArmCrc32.Arm64.IsSupported)
            {
                Assert.Equal(expected, Crc32C.AppendArm64(0, data));
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(193, 2)]
    [InlineData(4096, 3)]
    [InlineData(65537, 4)]
    public void Crc32C_AppendOverRandomSplitsEqualsOneShot(int length, int seed)
    {
        byte[] data = RandomBytes(length, seed);
        uint expected = Crc32C.Compute(data);
        var random = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            uint crc = 0;
            uint software = 0;
            int offset = 0;
            while (offset < length)
            {
                // Include empty pieces: appending nothing must leave the checksum alone.
                int piece = random.Next(Math.Min(length - offset, 37) + 1);
                crc = Crc32C.Append(crc, data.AsSpan(offset, piece));
                software = Crc32C.AppendSoftware(software, data.AsSpan(offset, piece));
                offset += piece;
            }

            Assert.Equal(expected, crc);
            Assert.Equal(expected, software);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(193)]
    [InlineData(65536)]
    public void Crc32CCodec_RoundTrips(int length)
    {
        var codec = Crc32CCodec.Instance;
        byte[] source = RandomBytes(length, seed: length + 11);
        var encoded = new byte[codec.GetMaxEncodedLength(length)];

        int n = codec.Encode(source, encoded);

        Assert.Equal(length + 4, n);
        Assert.Equal(source, encoded[..length]);
        Assert.Equal(Crc32C.Compute(source), BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(length)));
        var decoded = new byte[length];
        Assert.Equal(length, codec.Decode(encoded, decoded));
        Assert.Equal(source, decoded);
    }

    [Fact]
    public void Crc32CCodec_EncodesTheSpecCheckValueLittleEndian()
    {
        var encoded = new byte[13];
        Crc32CCodec.Instance.Encode("123456789"u8, encoded);

        // 0xE3069283, least significant byte first.
        Assert.Equal([0x83, 0x92, 0x06, 0xE3], encoded[9..]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(192)]
    [InlineData(195)]
    public void Crc32CCodec_RejectsACorruptedByte(int position)
    {
        var codec = Crc32CCodec.Instance;
        byte[] source = RandomBytes(193, seed: 5);
        var encoded = new byte[codec.GetMaxEncodedLength(source.Length)];
        codec.Encode(source, encoded);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(193));

        // Positions 193..196 hit the checksum itself.
        encoded[position] ^= 0x10;
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(193));
        uint actual = Crc32C.Compute(encoded.AsSpan(0, 193));

        var ex = Assert.Throws<CodecException>(() => codec.Decode(encoded, new byte[193]));
        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"0x{expected:X8}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"0x{actual:X8}", ex.Message, StringComparison.Ordinal);
        Assert.True(position >= 193 ? actual == stored : expected == stored);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public void Crc32CCodec_RejectsTruncatedInput(int cut)
    {
        var codec = Crc32CCodec.Instance;
        byte[] source = RandomBytes(193, seed: 6);
        var encoded = new byte[codec.GetMaxEncodedLength(source.Length)];
        codec.Encode(source, encoded);

        var ex = Assert.Throws<CodecException>(() => codec.Decode(encoded.AsSpan(0, encoded.Length - cut), new byte[193]));
        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Crc32CCodec_RejectsInputShorterThanTheChecksum(int length)
    {
        var ex = Assert.Throws<CodecException>(() => Crc32CCodec.Instance.Decode(new byte[length], new byte[8]));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crc32CCodec_RejectsDataLongerThanTheDestination()
    {
        var encoded = new byte[12];
        Crc32CCodec.Instance.Encode(new byte[8], encoded);

        var ex = Assert.Throws<CodecException>(() => Crc32CCodec.Instance.Decode(encoded, new byte[7]));
        Assert.Contains("at most 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crc32CCodec_ReadsAndWritesItsJson()
    {
        var codec = Crc32CCodec.FromJson(new JsonObject { ["id"] = "crc32c", ["location"] = "end" }, DataType.For<byte>());

        Assert.Equal("crc32c", codec.Id);
        Assert.Equal("""{"id":"crc32c"}""", codec.ToJson().ToJsonString());
        Assert.Throws<CodecException>(() => Crc32CCodec.FromJson(new JsonObject { ["id"] = "crc32c", ["location"] = "start" }, DataType.For<byte>()));
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
