using System.Buffers.Binary;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr.V3;

// Arrays written by hand from the Zarr v3.0 core specification
// (https://zarr-specs.readthedocs.io/en/latest/v3/core/v3.0.html) and read through ZarrArray.OpenAsync;
// every element is compared. Section names in the comments are the spec's.
public sealed class ZarrV3ArrayTests
{
    private const string Path = "data/raw.zarr";

    // "Data types" (bool, int8 ... uint64, float32, float64), "fill_value" (JSON boolean, integers at the type's bounds,
    // "NaN" and "-Infinity"), codecs/bytes "endian" (little and big), "Chunk grids" (edge chunks have the full chunk shape
    // and the part past the array is ignored), "Chunk key encoding" default "c/i/j", and missing chunks read as fill.
    public static TheoryData<string, string, bool> DataTypeCases()
    {
        var data = new TheoryData<string, string, bool>();
        (string Type, string Fill)[] fills =
        [
            ("bool", "true"), ("int8", "-128"), ("uint8", "200"), ("int16", "-300"), ("uint16", "65535"),
            ("int32", "-2147483648"), ("uint32", "4294967295"), ("int64", "-9223372036854775808"),
            ("uint64", "18446744073709551615"), ("float32", "\"NaN\""), ("float64", "\"-Infinity\""),
        ];
        foreach (var (type, fill) in fills)
        {
            data.Add(type, fill, false);
            data.Add(type, fill, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DataTypeCases))]
    public async Task EveryDataType_ReadsHandWrittenChunksInEitherByteOrder_AndFillsMissingChunks(string dataType, string fillJson, bool bigEndian)
    {
        long[] shape = [5, 3];
        long[] chunks = [2, 2];
        int item = V3TestData.ItemSize(dataType);
        var store = new MemoryStore();
        await store.SetAsync($"{Path}/zarr.json", V3TestData.ArrayDocument("[5, 3]", dataType, "[2, 2]", fillJson, $"[{(bigEndian ? V3TestData.BytesBig : V3TestData.BytesLittle)}]"));
        bool Missing(long[] c) => c[0] == 1 && c[1] == 1;
        foreach (long[] chunk in V3TestData.Indices([3, 2]))
        {
            if (!Missing(chunk))
            {
                byte[] raw = V3TestData.Chunk(shape, chunks, chunk, item, n => V3TestData.Element(dataType, n));
                await store.SetAsync($"{Path}/c/{chunk[0]}/{chunk[1]}", bigEndian ? V3TestData.SwapItems(raw, item) : raw);
            }
        }

        var array = await ZarrArray.OpenAsync(store, Path);
        var actual = new byte[15 * item];
        await array.ReadRegionAsync([0, 0], [5, 3], actual);

        byte[] fill = FillBytes(dataType);
        Assert.Equal(fill, array.FillElement.ToArray());
        Assert.Equal(V3TestData.Expected(shape, chunks, n => V3TestData.Element(dataType, n), fill, Missing), actual);
        Assert.Equal(ZarrFormat.V3, array.Format);
        Assert.Equal(dataType, array.DataType.Name);
        Assert.Null(array.DimensionNames);
    }

    // "Chunk key encoding": default ("c" prefix, separator "/" or "."), v2 (no prefix, separator "." or "/").
    [Theory]
    [InlineData("""{"name": "default"}""", "c/1/2")]
    [InlineData("""{"name": "default", "configuration": {"separator": "/"}}""", "c/1/2")]
    [InlineData("""{"name": "default", "configuration": {"separator": "."}}""", "c.1.2")]
    [InlineData("""{"name": "v2"}""", "1.2")]
    [InlineData("""{"name": "v2", "configuration": {"separator": "."}}""", "1.2")]
    [InlineData("""{"name": "v2", "configuration": {"separator": "/"}}""", "1/2")]
    public async Task ChunkKeyEncodings_FindChunksUnderEachSpelling(string encoding, string keyOfChunk12)
    {
        long[] shape = [4, 6];
        long[] chunks = [2, 2];
        var store = new MemoryStore();
        await store.SetAsync($"{Path}/zarr.json", V3TestData.ArrayDocument("[4, 6]", "uint16", "[2, 2]", "9", $"[{V3TestData.BytesLittle}]", encoding));
        string Key(long[] c) => keyOfChunk12.Replace("1", c[0].ToString(), StringComparison.Ordinal).Replace("2", c[1].ToString(), StringComparison.Ordinal);
        foreach (long[] chunk in V3TestData.Indices([2, 3]))
        {
            await store.SetAsync($"{Path}/{Key(chunk)}", V3TestData.Chunk(shape, chunks, chunk, 2, n => V3TestData.Element("uint16", n)));
        }

        var array = await ZarrArray.OpenAsync(store, Path);
        var actual = new byte[24 * 2];
        await array.ReadRegionAsync([0, 0], [4, 6], actual);

        Assert.Equal($"{Path}/{keyOfChunk12}", array.ChunkKey([1, 2]));
        Assert.Equal(V3TestData.Expected(shape, chunks, n => V3TestData.Element("uint16", n), [9, 0], _ => false), actual);
    }

    // codecs/transpose (order [2, 0, 1] on a non-cubic chunk), then codecs/bytes big-endian, then codecs/gzip and
    // codecs/crc32c, applied in list order on write and in reverse on read ("Codecs").
    [Fact]
    public async Task TransposeBytesGzipCrc32c_ReadsHandEncodedChunks()
    {
        long[] shape = [5, 4, 3];
        long[] chunks = [2, 3, 3];
        int[] order = [2, 0, 1];
        const string Codecs = $$$"""[{"name": "transpose", "configuration": {"order": [2, 0, 1]}}, {{{V3TestData.BytesBig}}}, {"name": "gzip", "configuration": {"level": 5}}, {{{V3TestData.Crc32C}}}]""";
        var store = new MemoryStore();
        await store.SetAsync($"{Path}/zarr.json", V3TestData.ArrayDocument("[5, 4, 3]", "int16", "[2, 3, 3]", "-1", Codecs));
        foreach (long[] chunk in V3TestData.Indices([3, 2, 1]))
        {
            byte[] raw = V3TestData.Chunk(shape, chunks, chunk, 2, n => V3TestData.Element("int16", n));
            byte[] stored = V3TestData.WithCrc32C(V3TestData.Gzip(V3TestData.SwapItems(V3TestData.Transpose(raw, chunks, order, 2), 2)));
            await store.SetAsync($"{Path}/c/{chunk[0]}/{chunk[1]}/{chunk[2]}", stored);
        }

        var array = await ZarrArray.OpenAsync(store, Path);
        var actual = new byte[60 * 2];
        await array.ReadRegionAsync([0, 0, 0], [5, 4, 3], actual);
        var part = new byte[2 * 3 * 2 * 2];
        await array.ReadRegionAsync([1, 1, 1], [2, 3, 2], part);

        byte[] expected = V3TestData.Expected(shape, chunks, n => V3TestData.Element("int16", n), [0xFF, 0xFF], _ => false);
        Assert.Equal(expected, actual);
        Assert.Equal(Box(expected, shape, [1, 1, 1], [2, 3, 2], 2), part);
    }

    // "fill_value" for floats: "NaN" (the canonical quiet NaN), "Infinity", "-Infinity", hex strings giving the raw
    // IEEE 754 bits (NaN payloads survive), and plain numbers including -0.0.
    [Theory]
    [InlineData("float32", "\"NaN\"", 0x7fc00000UL)]
    [InlineData("float32", "\"Infinity\"", 0x7f800000UL)]
    [InlineData("float32", "\"-Infinity\"", 0xff800000UL)]
    [InlineData("float32", "\"0x7fc00000\"", 0x7fc00000UL)]
    [InlineData("float32", "\"0x7fa00001\"", 0x7fa00001UL)]
    [InlineData("float32", "-2.5", 0xc0200000UL)]
    [InlineData("float64", "\"NaN\"", 0x7ff8000000000000UL)]
    [InlineData("float64", "\"Infinity\"", 0x7ff0000000000000UL)]
    [InlineData("float64", "\"0x7ff0000000000001\"", 0x7ff0000000000001UL)]
    [InlineData("float64", "\"0xfff8000000000000\"", 0xfff8000000000000UL)]
    [InlineData("float64", "-0.0", 0x8000000000000000UL)]
    [InlineData("float64", "1e300", 0x7e37e43c8800759cUL)]
    public async Task FloatFillValues_FillMissingChunksWithTheExactBits(string dataType, string fillJson, ulong bits)
    {
        var store = new MemoryStore();
        await store.SetAsync($"{Path}/zarr.json", V3TestData.ArrayDocument("[3, 5]", dataType, "[2, 2]", fillJson, $"[{V3TestData.BytesLittle}]"));
        int item = V3TestData.ItemSize(dataType);

        var array = await ZarrArray.OpenAsync(store, Path);
        var actual = new byte[15 * item];
        await array.ReadRegionAsync([0, 0], [3, 5], actual);

        var element = new byte[item];
        if (item == 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(element, (uint)bits);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(element, bits);
        }

        Assert.Equal(Enumerable.Range(0, 15).SelectMany(_ => element).ToArray(), actual);
    }

    // Rank 1: an edge chunk (10 = 4 + 4 + 2), "dimension_names".
    [Fact]
    public async Task RankOne_ReadsTheEdgeChunkAndDimensionNames()
    {
        var store = new MemoryStore();
        await store.SetAsync($"{Path}/zarr.json", V3TestData.ArrayDocument("[10]", "uint32", "[4]", "0", $"[{V3TestData.BytesLittle}]", extra: """, "dimension_names": ["x"]"""));
        foreach (long c in new long[] { 0, 2 })
        {
            await store.SetAsync($"{Path}/c/{c}", V3TestData.Chunk([10], [4], [c], 4, n => V3TestData.Element("uint32", n)));
        }

        var array = await ZarrArray.OpenAsync(store, Path);
        var actual = new byte[40];
        await array.ReadRegionAsync([0], [10], actual);
        var tail = new byte[12];
        await array.ReadRegionAsync([7], [3], tail);

        byte[] expected = V3TestData.Expected([10], [4], n => V3TestData.Element("uint32", n), [0, 0, 0, 0], c => c[0] == 1);
        Assert.Equal(expected, actual);
        Assert.Equal(expected[28..], tail);
        Assert.Equal(["x"], array.DimensionNames!);
        Assert.Equal([3], array.Grid.GridShape.ToArray());
    }

    // Rank 5, "dimension_names" with a null entry, gzip, edge chunks on several axes and one missing chunk.
    [Fact]
    public async Task RankFive_ReadsEveryElement()
    {
        long[] shape = [3, 2, 1, 4, 3];
        long[] chunks = [2, 1, 1, 3, 2];
        var store = new MemoryStore();
        await store.SetAsync(
            $"{Path}/zarr.json",
            V3TestData.ArrayDocument("[3, 2, 1, 4, 3]", "float64", "[2, 1, 1, 3, 2]", "\"NaN\"", $$$"""[{{{V3TestData.BytesLittle}}}, {"name": "gzip", "configuration": {"level": 1}}]""", extra: """, "dimension_names": ["t", null, "z", "y", "x"]"""));
        bool Missing(long[] c) => c[0] == 1 && c[1] == 0 && c[3] == 1 && c[4] == 1;
        foreach (long[] chunk in V3TestData.Indices([2, 2, 1, 2, 2]))
        {
            if (!Missing(chunk))
            {
                await store.SetAsync($"{Path}/c/{string.Join('/', chunk)}", V3TestData.Gzip(V3TestData.Chunk(shape, chunks, chunk, 8, n => V3TestData.Element("float64", n))));
            }
        }

        var array = await ZarrArray.OpenAsync(store, Path);
        var actual = new byte[72 * 8];
        await array.ReadRegionAsync(new long[5], [3, 2, 1, 4, 3], actual);
        var part = new byte[2 * 2 * 1 * 2 * 2 * 8];
        await array.ReadRegionAsync([1, 0, 0, 2, 1], [2, 2, 1, 2, 2], part);

        byte[] nan = BitConverter.GetBytes(0x7ff8000000000000L);
        byte[] expected = V3TestData.Expected(shape, chunks, n => V3TestData.Element("float64", n), nan, Missing);
        Assert.Equal(expected, actual);
        Assert.Equal(Box(expected, shape, [1, 0, 0, 2, 1], [2, 2, 1, 2, 2], 8), part);
        Assert.Equal(["t", null, "z", "y", "x"], array.DimensionNames!);
    }

    /// <summary>The fill element each <see cref="DataTypeCases"/> row gives, written out by hand.</summary>
    private static byte[] FillBytes(string dataType) => dataType switch
    {
        "bool" => [1],
        "int8" => [0x80],
        "uint8" => [200],
        "int16" => BitConverter.GetBytes((short)-300),
        "uint16" => [0xFF, 0xFF],
        "int32" => [0, 0, 0, 0x80],
        "uint32" => [0xFF, 0xFF, 0xFF, 0xFF],
        "int64" => [0, 0, 0, 0, 0, 0, 0, 0x80],
        "uint64" => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        "float32" => [0, 0, 0xC0, 0x7F],
        _ => [0, 0, 0, 0, 0, 0, 0xF0, 0xFF],
    };

    /// <summary>The C-order box of <paramref name="extent"/> at <paramref name="origin"/> of a C-order array.</summary>
    internal static byte[] Box(byte[] array, long[] shape, long[] origin, long[] extent, int itemSize)
    {
        long[] strides = V3TestData.Strides(shape);
        var box = new List<byte>();
        foreach (long[] index in V3TestData.Indices(extent))
        {
            long linear = index.Select((x, axis) => (x + origin[axis]) * strides[axis]).Sum();
            box.AddRange(array.AsSpan((int)(linear * itemSize), itemSize).ToArray());
        }

        return [.. box];
    }
}
