using System.Text;
using Tessera.DataTypes;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Zarr;

public sealed class ZarrV2MetadataTests
{
    [Theory]
    [InlineData("<f4", "\"NaN\"")]
    [InlineData("<f8", "\"Infinity\"")]
    [InlineData(">f4", "\"-Infinity\"")]
    [InlineData("<i8", "-9007199254740993")]
    [InlineData("<u8", "18446744073709551615")]
    [InlineData("|b1", "true")]
    [InlineData("<u2", "null")]
    public void ZarrV2Metadata_FillValueRoundTrips(string dtype, string fill)
    {
        string json = $$"""{"chunks": [2], "compressor": null, "dtype": "{{dtype}}", "fill_value": {{fill}}, "filters": null, "order": "C", "shape": [5], "zarr_format": 2}""";
        var parsed = ZarrV2Metadata.Parse(Encoding.UTF8.GetBytes(json), "test/.zarray");
        Assert.Equal(fill, parsed.ToJson()["fill_value"]?.ToJsonString() ?? "null");
        var again = ZarrV2Metadata.Parse(Encoding.UTF8.GetBytes(parsed.ToJson().ToJsonString()), "again");
        Assert.Equal(parsed.FillValue.Element.ToArray(), again.FillValue.Element.ToArray());
    }

    [Fact]
    public void FillValue_NaNFillsFloatElements()
    {
        var fill = FillValue.Parse("NaN", DataType.Parse("<f4"));
        var bytes = new byte[12];
        fill.FillBytes(bytes);
        Assert.All(new[] { 0, 4, 8 }, i => Assert.True(float.IsNaN(BitConverter.ToSingle(bytes, i))));
    }

    [Fact]
    public void ZarrV2Metadata_DefaultsMissingOptionalFields()
    {
        const string json = """{"chunks": [2, 2], "compressor": null, "dtype": "<u2", "fill_value": 0, "shape": [4, 4], "zarr_format": 2}""";
        var parsed = ZarrV2Metadata.Parse(Encoding.UTF8.GetBytes(json), "x");
        Assert.Equal(MemoryOrder.C, parsed.Order);
        Assert.Equal('.', parsed.DimensionSeparator);
    }
}
