using System.Text.Json.Nodes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr;

/// <summary>Bad input gives one error that names the file (and chunk), what was expected and what was found.</summary>
public sealed class ZarrBadInputTests : IDisposable
{
    private const string GoodZarray = """
        {"chunks": [4, 4], "compressor": null, "dtype": "<u2", "fill_value": 0, "filters": null, "order": "C", "shape": [8, 8], "zarr_format": 2}
        """;

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Open_MissingPathNamesIt()
    {
        string path = _folder.Combine("nope.zarr");
        var ex = await Assert.ThrowsAsync<TesseraException>(() => ZarrNode.OpenAsync(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_FolderThatIsNotZarrSaysSo()
    {
        var ex = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrNode.OpenAsync(_folder.Path));
        Assert.Contains(_folder.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(".zarray", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_MalformedJsonNamesTheFile()
    {
        File.WriteAllText(_folder.Combine(".zarray"), "{\"shape\": [8, 8], \"chunks\": [4,");
        var ex = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrNode.OpenAsync(_folder.Path));
        Assert.Contains(_folder.Combine(".zarray"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"compressor\": null", "\"compressor\": {\"id\": \"lzma\"}", "Unknown codec id 'lzma'")]
    [InlineData("\"dtype\": \"<u2\"", "\"dtype\": \"<c8\"", "dtype '<c8' is not supported")]
    [InlineData("\"dtype\": \"<u2\"", "\"dtype\": \"|S5\"", "dtype '|S5' is not supported")]
    [InlineData("\"filters\": null", "\"filters\": [{\"id\": \"delta\", \"dtype\": \"<u2\"}]", "filters")]
    [InlineData("\"shape\": [8, 8]", "\"shape\": [8]", "different numbers of dimensions")]
    [InlineData("\"shape\": [8, 8]", "\"shape\": \"big\"", "field 'shape' must be a list of integers")]
    [InlineData("\"order\": \"C\"", "\"order\": \"K\"", "order 'K' is invalid")]
    [InlineData("\"fill_value\": 0", "\"fill_value\": \"purple\"", "fill_value")]
    [InlineData("\"fill_value\": 0", "\"fill_value\": 70000", "not a valid uint16")]
    [InlineData("\"zarr_format\": 2", "\"zarr_format\": 3", "zarr_format is 3")]
    public async Task Open_InvalidMetadataNamesFileAndField(string good, string bad, string expected)
    {
        File.WriteAllText(_folder.Combine(".zarray"), GoodZarray.Replace(good, bad, StringComparison.Ordinal));
        var ex = await Assert.ThrowsAnyAsync<ZarrFormatException>(() => ZarrNode.OpenAsync(_folder.Path));
        Assert.Contains(_folder.Combine(".zarray"), ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("lz4")]
    [InlineData("blosc")]
    public async Task ReadChunk_TruncatedChunkNamesTheChunkFile(string codec)
    {
        var config = new JsonObject { ["id"] = codec };
        var array = await ZarrTestArrays.CreateAsync(new FileSystemStore(_folder.Path), "<u2", [64, 64], [64, 64], config);
        var data = new byte[64 * 64 * 2];
        new Random(3).NextBytes(data);
        await array.WriteRegionAsync([0, 0], [64, 64], data);
        string chunkFile = _folder.Combine("0.0");
        byte[] stored = File.ReadAllBytes(chunkFile);
        File.WriteAllBytes(chunkFile, stored[..(stored.Length / 2)]);

        var ex = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadRegionAsync([0, 0], [64, 64], new byte[data.Length]));
        Assert.Contains(chunkFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'0.0'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunk_CorruptChunkNamesTheChunkFile()
    {
        var array = await ZarrTestArrays.CreateAsync(new FileSystemStore(_folder.Path), "<u2", [64, 64], [64, 64], new JsonObject { ["id"] = "zlib" });
        await array.WriteRegionAsync([0, 0], [64, 64], new byte[64 * 64 * 2]);
        byte[] stored = File.ReadAllBytes(_folder.Combine("0.0"));
        for (int i = 2; i < stored.Length; i++)
        {
            stored[i] ^= 0x5A;
        }

        File.WriteAllBytes(_folder.Combine("0.0"), stored);
        var ex = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadRegionAsync([0, 0], [64, 64], new byte[64 * 64 * 2]));
        Assert.Contains(_folder.Combine("0.0"), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 100)]
    [InlineData("lz4", 100)]
    [InlineData(null, 40000)]
    public async Task ReadChunk_WrongDecodedSizeSaysExpectedAndFound(string? codec, int bytes)
    {
        var config = codec is null ? null : new JsonObject { ["id"] = codec };
        var array = await ZarrTestArrays.CreateAsync(new FileSystemStore(_folder.Path), "<u2", [64, 64], [64, 64], config);
        var other = await ZarrTestArrays.CreateAsync(new MemoryStore(), "|u1", [bytes], [bytes], config);
        await other.WriteRegionAsync([0], [bytes], new byte[bytes]);
        using (var encoded = await other.Store.GetAsync("0"))
        {
            File.WriteAllBytes(_folder.Combine("0.0"), encoded!.Memory.ToArray());
        }

        var ex = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadRegionAsync([0, 0], [64, 64], new byte[64 * 64 * 2]));
        Assert.Contains(_folder.Combine("0.0"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("8192", ex.Message, StringComparison.Ordinal);
    }
}
