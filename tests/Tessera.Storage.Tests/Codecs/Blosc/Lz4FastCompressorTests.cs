using K4os.Compression.LZ4;
using Tessera.Codecs.Blosc;

namespace Tessera.Storage.Tests.Codecs.Blosc;

public sealed class Lz4FastCompressorTests
{
    public static TheoryData<string, int, bool> Cases()
    {
        var cases = new TheoryData<string, int, bool>();
        foreach (string data in new[] { "smooth", "random", "zeros", "short" })
        {
            foreach (int acceleration in new[] { 1, 5, 9 })
            {
                cases.Add(data, acceleration, true);
                cases.Add(data, acceleration, false);
            }
        }

        return cases;
    }

    [Fact]
    public void Lz4FastCompressor_UsesTheSystemLibraryOnDebian()
    {
        // Debian's apt depends on liblz4-1 (and scripts/test installs it), so every Debian machine has it.
        Assert.True(!File.Exists("/etc/debian_version") || Lz4FastCompressor.UsesNative, "liblz4.so.1 was not loaded");
        Assert.True(!Lz4FastCompressor.UsesNative || Lz4FastCompressor.NativeVersion >= 10700, $"liblz4 version {Lz4FastCompressor.NativeVersion}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lz4FastCompressor_WritesBlocksThatTheReferenceDecoderRestores(string data, int acceleration, bool native)
    {
        if (native && !Lz4FastCompressor.UsesNative)
        {
            return; // No liblz4 on this machine (only possible off Debian: see the test above).
        }

        byte[] source = Data(data);
        byte[] encoded = new byte[LZ4Codec.MaximumOutputSize(source.Length)];

        int length = Lz4FastCompressor.Compress(source, encoded, acceleration, native);

        Assert.InRange(length, 1, encoded.Length);
        byte[] decoded = new byte[source.Length];
        Assert.Equal(source.Length, LZ4Codec.Decode(encoded.AsSpan(0, length), decoded));
        Assert.Equal(source, decoded);
        if (data == "zeros")
        {
            Assert.True(length < source.Length / 2, $"{data} compressed to {length} of {source.Length} bytes");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Lz4FastCompressor_NativeAndManagedWriteTheSameBlock(int acceleration)
    {
        // K4os 1.3 ports liblz4 1.9's compressor: with that version the two agree byte for byte, so chunks do not depend
        // on which one ran. Other liblz4 versions may choose other matches (any LZ4 decoder still reads them).
        if (Lz4FastCompressor.NativeVersion / 100 != 109)
        {
            return;
        }

        byte[] source = Data("smooth");
        byte[] native = new byte[LZ4Codec.MaximumOutputSize(source.Length)];
        byte[] managed = new byte[native.Length];

        int n = Lz4FastCompressor.Compress(source, native, acceleration, native: true);
        int m = Lz4FastCompressor.Compress(source, managed, acceleration, native: false);

        Assert.Equal(managed.AsSpan(0, m).ToArray(), native.AsSpan(0, n).ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Lz4FastCompressor_ReturnsZeroWhenTheBlockDoesNotFit(bool native)
    {
        if (native && !Lz4FastCompressor.UsesNative)
        {
            return;
        }

        byte[] source = BloscTestData.RandomBytes(4096, seed: 5);
        byte[] small = new byte[1000];

        Assert.Equal(0, Lz4FastCompressor.Compress(source, small, 1, native));
    }

    private static byte[] Data(string kind) => kind switch
    {
        "smooth" => BloscTestData.SmoothNoise(64 * 1024, 2, seed: 3),
        "random" => BloscTestData.RandomBytes(100_000, seed: 4),
        "zeros" => new byte[70_000],
        "short" => [1, 2, 3, 1, 2, 3, 1, 2, 3, 9],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
