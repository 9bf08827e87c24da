using Tessera.Codecs;

namespace Tessera.Storage.Tests.Codecs;

public sealed class DeflateCodecTests
{
    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (string id in new[] { "zlib", "gzip" })
        {
            foreach (int level in new[] { 0, 1, 6, 9 })
            {
                cases.Add(id, level);
            }
        }

        return cases;
    }

    /// <summary>
    /// Incompressible data encodes into exactly the bound the codec promises: at level 1 .NET's zlib-ng uses
    /// fixed Huffman codes, which grow random bytes by up to an eighth, more than zlib's compressBound allows.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomData_FitsTheMaxEncodedLength_AndRoundTrips(string id, int level)
    {
        DeflateCodec codec = id == "zlib" ? new ZlibCodec(level) : new GzipCodec(level);
        var random = new Random(level);
        foreach (int length in new[] { 1, 100, 8192, 65_536, 300_001 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            var encoded = new byte[codec.GetMaxEncodedLength(length)];
            int written = codec.Encode(data, encoded);
            var decoded = new byte[length];
            Assert.Equal(length, codec.Decode(encoded.AsSpan(0, written), decoded));
            Assert.Equal(data, decoded);
        }
    }
}
