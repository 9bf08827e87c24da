using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.DataTypes;
using Tessera.Zarr;
using Tessera.Zarr.V3;

namespace Tessera.Storage.Tests.Zarr.V3;

// Spec references are to the Zarr v3.0 core specification,
// https://zarr-specs.readthedocs.io/en/latest/v3/core/v3.0.html
public sealed class ZarrV3MetadataTests
{
    private const string Source = "data/raw.zarr/zarr.json";

    // Spec "Array metadata": the example array document (shape, data_type, regular chunk_grid, default
    // chunk_key_encoding, codecs, fill_value, attributes, dimension_names).
    private const string SpecExample = """
        {
            "zarr_format": 3,
            "node_type": "array",
            "shape": [10000, 1000],
            "dimension_names": ["rows", "columns"],
            "data_type": "float64",
            "chunk_grid": {
                "name": "regular",
                "configuration": {
                    "chunk_shape": [1000, 100]
                }
            },
            "chunk_key_encoding": {
                "name": "default",
                "configuration": {
                    "separator": "/"
                }
            },
            "codecs": [{
                "name": "bytes",
                "configuration": {
                    "endian": "big"
                }
            }, {
                "name": "gzip",
                "configuration": {
                    "level": 1
                }
            }],
            "fill_value": "NaN",
            "attributes": {
                "foo": 42,
                "bar": "apples",
                "baz": [1, 2, 3, 4]
            }
        }
        """;

    private static ZarrV3Metadata ParseArray(string json) => ZarrV3Metadata.Parse(Encoding.UTF8.GetBytes(json), Source);

    private static string Array1D(string dataType = "uint16", string fill = "0", string extra = "", string chunkKeyEncoding = """{"name": "default"}""") => $$$"""
        {"zarr_format": 3, "node_type": "array", "shape": [7], "data_type": "{{{dataType}}}",
         "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [3]}},
         "chunk_key_encoding": {{{chunkKeyEncoding}}}, "fill_value": {{{fill}}},
         "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}]{{{extra}}}}
        """;

    private static void AssertBad(string json, params string[] mentions)
    {
        var ex = Assert.Throws<ZarrFormatException>(() => ZarrV3Node.Parse(Encoding.UTF8.GetBytes(json), Source));
        Assert.Contains(Source, ex.Message);
        foreach (string mention in mentions)
        {
            Assert.Contains(mention, ex.Message);
        }
    }

    // Spec "Array metadata": the example document parses field by field.
    [Fact]
    public void ZarrV3Metadata_ParsesSpecExample()
    {
        var meta = ParseArray(SpecExample);
        Assert.Equal([10000L, 1000L], meta.Shape);
        Assert.Equal([1000, 100], meta.ChunkShape);
        Assert.Equal(new DataType(DataTypeKind.Float64, ByteOrder.LittleEndian), meta.DataType);
        Assert.Equal("default", meta.ChunkKeyEncoding.Name);
        Assert.Equal('/', meta.ChunkKeyEncoding.Separator);
        Assert.True(double.IsNaN(BitConverter.ToDouble(meta.FillValue.Element)));
        Assert.Equal(["bytes", "gzip"], meta.Codecs.Select(c => c.Name));
        Assert.Equal("big", meta.Codecs[0].Configuration!["endian"]!.GetValue<string>());
        Assert.Equal(1, meta.Codecs[1].Configuration!["level"]!.GetValue<int>());
        Assert.Equal(["rows", "columns"], meta.DimensionNames!);
        Assert.Equal(42, meta.Attributes["foo"]!.GetValue<int>());
        Assert.Equal("c/9/2", meta.ChunkKey([9, 2]));
    }

    // Spec "Array metadata" / "zarr.json": Parse(ToJson()) gives the same array, and ToJson is stable.
    [Fact]
    public void ZarrV3Metadata_RoundTripsSpecExample()
    {
        var meta = ParseArray(SpecExample);
        string written = meta.ToJson().ToJsonString();
        var again = ZarrV3Metadata.Parse(Encoding.UTF8.GetBytes(written), "again");
        Assert.Equal(meta, again);
        Assert.Equal(written, again.ToJson().ToJsonString());

        // The spec example spells out every field Tessera writes, so the canonical form is the same document.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SpecExample), meta.ToJson()), written);
    }

    // Spec "Array metadata": the shape may be empty (0-d array); its only chunk key is "c".
    [Fact]
    public void ZarrV3Metadata_ParsesZeroDimensionalArray()
    {
        var meta = ParseArray("""
            {"zarr_format": 3, "node_type": "array", "shape": [], "data_type": "int32",
             "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": []}},
             "chunk_key_encoding": {"name": "default"}, "fill_value": -1, "codecs": [{"name": "bytes"}]}
            """);
        Assert.Empty(meta.Shape);
        Assert.Equal("c", meta.ChunkKey([]));
        Assert.Equal(-1, BinaryPrimitives.ReadInt32LittleEndian(meta.FillValue.Element));
        Assert.Null(meta.Codecs[0].Configuration);
        Assert.Equal(meta, ZarrV3Metadata.Parse(Encoding.UTF8.GetBytes(meta.ToJson().ToJsonString()), "again"));
    }

    // Spec "data_type" (core data types): each name maps to Tessera's little-endian type.
    [Theory]
    [InlineData("bool", "|b1", "false")]
    [InlineData("int8", "|i1", "0")]
    [InlineData("int16", "<i2", "0")]
    [InlineData("int32", "<i4", "0")]
    [InlineData("int64", "<i8", "0")]
    [InlineData("uint8", "|u1", "0")]
    [InlineData("uint16", "<u2", "0")]
    [InlineData("uint32", "<u4", "0")]
    [InlineData("uint64", "<u8", "0")]
    [InlineData("float32", "<f4", "0.0")]
    [InlineData("float64", "<f8", "0.0")]
    public void ZarrV3Metadata_MapsEveryCoreDataType(string name, string typeString, string fill)
    {
        var meta = ParseArray(Array1D(name, fill));
        Assert.Equal(DataType.Parse(typeString), meta.DataType);
        Assert.Equal(name, meta.ToJson()["data_type"]!.GetValue<string>());
        Assert.True(meta.FillValue.IsZero);
        Assert.Equal(meta.DataType.ItemSize, meta.FillValue.Element.Length);
    }

    // Spec "fill_value": floats accept "NaN", "Infinity", "-Infinity" and the raw bits as big-endian hex.
    [Theory]
    [InlineData("float32", "\"NaN\"", "0000c07f")]
    [InlineData("float32", "\"Infinity\"", "0000807f")]
    [InlineData("float32", "\"-Infinity\"", "000080ff")]
    [InlineData("float32", "\"0x7fc00000\"", "0000c07f")]
    [InlineData("float32", "\"0x7fc00001\"", "0100c07f")]
    [InlineData("float32", "-1.5", "0000c0bf")]
    [InlineData("float64", "\"NaN\"", "000000000000f87f")]
    [InlineData("float64", "\"-Infinity\"", "000000000000f0ff")]
    [InlineData("float64", "\"0x7ff8000000000000\"", "000000000000f87f")]
    [InlineData("float64", "\"0x3ff0000000000000\"", "000000000000f03f")]
    [InlineData("float64", "1e300", "9c7500883ce4377e")]
    [InlineData("bool", "true", "01")]
    [InlineData("bool", "false", "00")]
    [InlineData("int8", "-128", "80")]
    [InlineData("int8", "127", "7f")]
    [InlineData("uint8", "255", "ff")]
    [InlineData("int16", "-32768", "0080")]
    [InlineData("uint16", "65535", "ffff")]
    [InlineData("int32", "-2147483648", "00000080")]
    [InlineData("uint32", "4294967295", "ffffffff")]
    [InlineData("int64", "-9223372036854775808", "0000000000000080")]
    [InlineData("int64", "9223372036854775807", "ffffffffffffff7f")]
    [InlineData("uint64", "18446744073709551615", "ffffffffffffffff")]
    public void ZarrV3Metadata_ParsesFillValueBytes(string dataType, string fill, string littleEndianHex)
    {
        var meta = ParseArray(Array1D(dataType, fill));
        Assert.Equal(littleEndianHex, Convert.ToHexStringLower(meta.FillValue.Element));

        // The value is written back as given, so NaN payloads in hex survive a round trip.
        Assert.Equal(fill, meta.ToJson()["fill_value"]!.ToJsonString());
        var again = ZarrV3Metadata.Parse(Encoding.UTF8.GetBytes(meta.ToJson().ToJsonString()), "again");
        Assert.Equal(meta, again);
    }

    [Fact]
    public void V3FillValue_FillBytesRepeatsElement()
    {
        var fill = V3FillValue.Parse(JsonValue.Create("0x7fc00001"), DataType.Parse("<f4"));
        var bytes = new byte[13];
        fill.FillBytes(bytes);
        Assert.Equal("0100c07f0100c07f0100c07f00", Convert.ToHexStringLower(bytes));
    }

    // Spec "chunk_key_encoding": "default" prefixes "c" and joins with "/" (or "."); "v2" joins with "." (or "/").
    [Theory]
    [InlineData("""{"name": "default"}""", "c/0/1/2", "c")]
    [InlineData("""{"name": "default", "configuration": {"separator": "/"}}""", "c/0/1/2", "c")]
    [InlineData("""{"name": "default", "configuration": {"separator": "."}}""", "c.0.1.2", "c")]
    [InlineData("""{"name": "v2"}""", "0.1.2", "0")]
    [InlineData("""{"name": "v2", "configuration": {"separator": "."}}""", "0.1.2", "0")]
    [InlineData("""{"name": "v2", "configuration": {"separator": "/"}}""", "0/1/2", "0")]
    public void ChunkKeyEncoding_BuildsKeys(string encodingJson, string key012, string key0d)
    {
        string json = $$$"""
            {"zarr_format": 3, "node_type": "array", "shape": [10, 20, 30], "data_type": "uint8",
             "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [7, 7, 7]}},
             "chunk_key_encoding": {{{encodingJson}}}, "fill_value": 0, "codecs": [{"name": "bytes"}]}
            """;
        var meta = ParseArray(json);
        Assert.Equal(key012, meta.ChunkKey([0, 1, 2]));
        Assert.Equal(key0d, meta.ChunkKeyEncoding.ChunkKey([]));
        Assert.Equal(meta.ChunkKeyEncoding, ParseArray(meta.ToJson().ToJsonString()).ChunkKeyEncoding);
    }

    [Fact]
    public void ChunkKeyEncoding_WritesLargeIndices()
    {
        Assert.Equal("c/193/9223372036854775807", ChunkKeyEncoding.Default().ChunkKey([193, long.MaxValue]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkKeyEncoding.V2().ChunkKey([-1]));
        Assert.Throws<ArgumentException>(() => ParseArray(Array1D()).ChunkKey([0, 0]));
    }

    // Spec "dimension_names": one string or null per dimension.
    [Fact]
    public void ZarrV3Metadata_KeepsNullDimensionNames()
    {
        string json = SpecExample.Replace("""["rows", "columns"]""", """[null, "x"]""", StringComparison.Ordinal);
        var meta = ParseArray(json);
        Assert.Equal([null, "x"], meta.DimensionNames!);
        Assert.Equal("""[null,"x"]""", meta.ToJson()["dimension_names"]!.ToJsonString());
        Assert.Equal(meta, ParseArray(meta.ToJson().ToJsonString()));
    }

    // Spec "Group metadata": a group has zarr_format, node_type and optional attributes.
    [Fact]
    public void ZarrV3Group_ParsesAndRoundTrips()
    {
        const string json = """{"zarr_format": 3, "node_type": "group", "attributes": {"spam": "ham", "eggs": 42}}""";
        var node = ZarrV3Node.Parse(Encoding.UTF8.GetBytes(json), Source);
        var group = Assert.IsType<ZarrV3Group>(node);
        Assert.Equal("ham", group.Attributes["spam"]!.GetValue<string>());
        Assert.Equal(group, ZarrV3Group.Parse(Encoding.UTF8.GetBytes(group.ToJson().ToJsonString()), "again"));
        Assert.Empty(ZarrV3Group.Parse("""{"zarr_format": 3, "node_type": "group"}"""u8, Source).Attributes);
        Assert.IsType<ZarrV3Metadata>(ZarrV3Node.Parse(Encoding.UTF8.GetBytes(SpecExample), Source));
    }

    // Spec "Extensions": unknown fields that are objects marked must_understand false may be ignored.
    [Fact]
    public void ZarrV3Metadata_IgnoresExtensionsThatNeedNotBeUnderstood()
    {
        var meta = ParseArray(Array1D(extra: """, "my_extension": {"must_understand": false, "x": 1}, "storage_transformers": []"""));
        Assert.Null(meta.ToJson()["my_extension"]);
    }

    // Spec "zarr_format": must be 3 in zarr.json.
    [Fact]
    public void ZarrV3Metadata_RejectsZarrFormat2() =>
        AssertBad(Array1D().Replace("\"zarr_format\": 3", "\"zarr_format\": 2", StringComparison.Ordinal), "zarr_format", "must say 3");

    // Spec "node_type": "array" or "group".
    [Fact]
    public void ZarrV3Node_RejectsUnknownNodeType() =>
        AssertBad("""{"zarr_format": 3, "node_type": "table"}""", "node_type 'table' is neither 'array' nor 'group'");

    [Fact]
    public void ZarrV3Metadata_RejectsGroupDocument()
    {
        var ex = Assert.Throws<ZarrFormatException>(() => ZarrV3Metadata.Parse("""{"zarr_format": 3, "node_type": "group"}"""u8, Source));
        Assert.Contains(Source, ex.Message);
        Assert.Contains("node_type", ex.Message);
    }

    // Spec "chunk_grid" (regular grid): chunk_shape has one positive size per dimension.
    [Fact]
    public void ZarrV3Metadata_RejectsChunkRankMismatch() =>
        AssertBad(Array1D().Replace("[3]", "[3, 3]", StringComparison.Ordinal), "chunk_shape", "[3, 3]", "[7]");

    [Fact]
    public void ZarrV3Metadata_RejectsZeroChunkSize() =>
        AssertBad(Array1D().Replace("[3]", "[0]", StringComparison.Ordinal), "chunk_shape", "positive");

    [Fact]
    public void ZarrV3Metadata_RejectsUnknownChunkGrid() =>
        AssertBad(Array1D().Replace("\"regular\"", "\"rectilinear\"", StringComparison.Ordinal), "chunk_grid 'rectilinear'", "'regular'");

    // Spec "data_type": only the listed core names (complex and raw types are not supported by Tessera yet).
    [Theory]
    [InlineData("float16")]
    [InlineData("<u2")]
    [InlineData("complex64")]
    public void ZarrV3Metadata_RejectsUnknownDataType(string name) =>
        AssertBad(Array1D(name), $"data_type '{name}'", "uint16");

    // Spec "Extensions": a field the reader does not know, not marked must_understand false, is an error.
    [Theory]
    [InlineData(""", "compressor": null""", "compressor")]
    [InlineData(""", "my_extension": {"must_understand": true}""", "my_extension")]
    [InlineData(""", "my_extension": {"x": 1}""", "my_extension")]
    public void ZarrV3Metadata_RejectsUnknownField(string extra, string field) =>
        AssertBad(Array1D(extra: extra), $"unknown field '{field}'", "must_understand");

    // Spec "storage_transformers": Tessera supports none, so a non-empty list is refused clearly.
    [Fact]
    public void ZarrV3Metadata_RejectsStorageTransformers() =>
        AssertBad(Array1D(extra: """, "storage_transformers": [{"name": "x"}]"""), "storage transformers are not supported", "storage_transformers");

    // Spec "fill_value": the JSON kind must match the data type.
    [Theory]
    [InlineData("int32", "1.5")]
    [InlineData("int32", "1.0")]
    [InlineData("int32", "\"NaN\"")]
    [InlineData("int32", "true")]
    [InlineData("int8", "128")]
    [InlineData("uint8", "-1")]
    [InlineData("uint64", "-1")]
    [InlineData("bool", "1")]
    [InlineData("bool", "null")]
    [InlineData("float32", "\"nan\"")]
    [InlineData("float32", "\"0x7ff8000000000000\"")]
    [InlineData("float64", "\"0x7fc00000\"")]
    [InlineData("float32", "1e300")]
    [InlineData("float64", "[1]")]
    public void ZarrV3Metadata_RejectsFillValueOfWrongKind(string dataType, string fill) =>
        AssertBad(Array1D(dataType, fill), "fill_value", dataType);

    [Fact]
    public void ZarrV3Metadata_RejectsMissingFillValue() =>
        AssertBad(Array1D().Replace("\"fill_value\": 0,", "", StringComparison.Ordinal), "fill_value");

    // Spec "chunk_key_encoding": separators are "/" or "."; names "default" or "v2".
    [Theory]
    [InlineData("""{"name": "default", "configuration": {"separator": "-"}}""", "separator")]
    [InlineData("""{"name": "v3"}""", "chunk_key_encoding 'v3'")]
    [InlineData("""{"name": "default", "configuration": {"sep": "/"}}""", "'sep'")]
    public void ZarrV3Metadata_RejectsBadChunkKeyEncoding(string encoding, string mention) =>
        AssertBad(Array1D(chunkKeyEncoding: encoding), "chunk_key_encoding", mention);

    // Spec "codecs": a non-empty list of {name, configuration?} objects.
    [Theory]
    [InlineData("[]")]
    [InlineData("[42]")]
    [InlineData("""[{"name": "bytes", "extra": 1}]""")]
    public void ZarrV3Metadata_RejectsBadCodecs(string codecs) =>
        AssertBad(Array1D().Replace("""[{"name": "bytes", "configuration": {"endian": "little"}}]""", codecs, StringComparison.Ordinal), "codecs");

    // Spec "dimension_names": length must equal the rank; elements strings or null.
    [Theory]
    [InlineData("""["x", "y"]""")]
    [InlineData("""[1]""")]
    public void ZarrV3Metadata_RejectsBadDimensionNames(string names) =>
        AssertBad(Array1D(extra: $", \"dimension_names\": {names}"), "dimension_names");
}
