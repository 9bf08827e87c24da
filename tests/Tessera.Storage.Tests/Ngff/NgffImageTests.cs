using System.Text.Json.Nodes;
using Tessera.Ngff;

namespace Tessera.Storage.Tests.Ngff;

public sealed class NgffImageTests
{
    private const string Source = "/data/img.zarr/.zattrs";

    [Fact]
    public void FromAttributes_ReadsTheSpecsV04Example()
    {
        var image = NgffImage.FromAttributes(NgffDocuments.Parse(NgffDocuments.V04), Source)!;

        Assert.Equal(NgffVersion.V0_4, image.Version);
        var m = Assert.Single(image.Multiscales);
        Assert.Equal("example", m.Name);
        Assert.Equal("gaussian", m.Type);
        Assert.Equal("skimage.transform.pyramid_gaussian", (string)m.Metadata!["method"]!);
        Assert.Equal(["t", "c", "z", "y", "x"], m.Axes.Select(a => a.Name));
        Assert.Equal(
            [NgffAxisType.Time, NgffAxisType.Channel, NgffAxisType.Space, NgffAxisType.Space, NgffAxisType.Space],
            m.Axes.Select(a => a.Type));
        Assert.Equal("millisecond", m.Axes[0].Unit);
        Assert.Null(m.Axes[1].Unit);
        Assert.Equal(["0", "1", "2"], m.Datasets.Select(d => d.Path));
        Assert.Equal([1.0, 1.0, 2.0, 2.0, 2.0], m.Datasets[2].Scale);
        Assert.All(m.Datasets, d => Assert.Null(d.Translation));
        Assert.Equal([0.1, 1.0, 1.0, 1.0, 1.0], m.Scale!);
        Assert.Null(m.Translation);
        Assert.Equal(["DAPI", "GFP"], image.ChannelLabels);
        Assert.Equal("0000FF", (string)image.Omero!["channels"]![0]!["color"]!);
        Assert.Equal(118, (int)image.Omero!["rdefs"]!["defaultZ"]!);
    }

    [Fact]
    public void FromAttributes_ReadsAV05Document()
    {
        var image = NgffImage.FromAttributes(NgffDocuments.Parse(NgffDocuments.V05), "/data/img.zarr/zarr.json")!;

        Assert.Equal(NgffVersion.V0_5, image.Version);
        var m = Assert.Single(image.Multiscales);
        Assert.Equal("nuclei", m.Name);
        Assert.Equal("mean", m.Type);
        Assert.Equal(["c", "z", "y", "x"], m.Axes.Select(a => a.Name));
        Assert.Equal(["s0", "s1"], m.Datasets.Select(d => d.Path));
        Assert.Equal([1.0, 2.0, 0.325, 0.325], m.Datasets[0].Scale);
        Assert.Equal([0.0, 10.0, 0.1625, 0.1625], m.Datasets[1].Translation!);
        Assert.Null(m.Scale);
        Assert.Equal(["Hoechst", null], image.ChannelLabels);
    }

    [Fact]
    public void FromAttributes_IsNullWithoutImageMetadata()
    {
        Assert.Null(NgffImage.FromAttributes([], Source));
        Assert.Null(NgffImage.FromAttributes(NgffDocuments.Parse("""{"units": "um", "omero": {"channels": []}}"""), Source));
        Assert.Null(NgffImage.FromAttributes(NgffDocuments.Parse("""{"ome": {"version": "0.5", "plate": {"rows": []}}}"""), Source));
        Assert.Null(NgffImage.FromAttributes(NgffDocuments.Parse("""{"ome": {"version": "0.5", "bioformats2raw.layout": 3}}"""), Source));
    }

    [Fact]
    public void FromAttributes_AcceptsAxesWithoutTypeOrUnit_AndCustomTypes()
    {
        var custom = NgffDocuments.Parse("""
            {"multiscales": [{"version": "0.4",
              "axes": [{"name": "t", "type": "time"}, {"name": "lifetime", "type": "lifetime", "unit": "nanosecond-ish"},
                       {"name": "y", "type": "space"}, {"name": "x", "type": "space", "unit": "nanometer"}],
              "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [1, 1, 1, 1]}]}]}]}
            """);
        var untyped = NgffDocuments.Parse("""
            {"multiscales": [{"version": "0.4",
              "axes": [{"name": "q"}, {"name": "y", "type": "space"}, {"name": "x", "type": "space"}],
              "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [1, 1, 1]}]}]}]}
            """);

        var m = NgffImage.FromAttributes(custom, Source)!.Multiscales[0];
        var q = NgffImage.FromAttributes(untyped, Source)!.Multiscales[0].Axes[0];

        Assert.Equal(NgffAxisType.Custom, m.Axes[1].Type);
        Assert.Equal("lifetime", m.Axes[1].CustomType);
        Assert.Equal("lifetime", m.Axes[1].TypeName);
        Assert.Equal("nanosecond-ish", m.Axes[1].Unit);
        Assert.Null(m.Axes[0].Unit);
        Assert.Null(m.Axes[2].Unit);
        Assert.Equal(NgffAxisType.Custom, q.Type);
        Assert.Null(q.TypeName);
    }

    [Theory]
    [InlineData(NgffDocuments.V04)]
    [InlineData(NgffDocuments.V05)]
    public void ToAttributes_RoundTripsTheDocument(string json)
    {
        var original = NgffDocuments.Parse(json);
        var image = NgffImage.FromAttributes(original, Source)!;

        var written = image.ToAttributes(original);
        var again = NgffImage.FromAttributes(written, Source)!;

        // The written document equals the original apart from number spelling (1 vs 1.0), which parsing normalises.
        Assert.True(JsonNode.DeepEquals(written, again.ToAttributes(written)));
        Assert.True(JsonNode.DeepEquals(Normalise(original), Normalise(written)), written.ToJsonString());
        Assert.Equal(image.Version, again.Version);
        Assert.Equal(image.ChannelLabels, again.ChannelLabels);
        Assert.Equal(image.Multiscales[0].Datasets.Select(d => d.Scale), again.Multiscales[0].Datasets.Select(d => d.Scale));
    }

    [Fact]
    public void ToAttributes_KeepsUserAttributes_AndSwitchesLayoutWithTheVersion()
    {
        var original = NgffDocuments.Parse(NgffDocuments.V04);
        var image = NgffImage.FromAttributes(original, Source)!;

        var v05 = (image with { Version = NgffVersion.V0_5 }).ToAttributes(original);

        Assert.Null(v05["multiscales"]);
        Assert.Null(v05["omero"]);
        Assert.Equal("lightsheet 3", (string)v05["acquisition"]!["microscope"]!);
        Assert.Equal("0.5", (string)v05["ome"]!["version"]!);
        Assert.Null(v05["ome"]!["multiscales"]![0]!["version"]);
        Assert.Equal("GFP", (string)v05["ome"]!["omero"]!["channels"]![1]!["label"]!);
        Assert.NotNull(original["multiscales"]);

        var v04 = NgffImage.FromAttributes(v05, Source)! with { Version = NgffVersion.V0_4 };
        var back = v04.ToAttributes(v05);
        Assert.Null(back["ome"]);
        Assert.Equal("0.4", (string)back["multiscales"]![0]!["version"]!);
    }

    [Fact]
    public void ToAttributes_WritesAPyramidThatReadsBack()
    {
        var axes = NgffAxisOrder.Parse("z,y,x", spaceUnit: "micrometer").Axes;
        var image = new NgffImage
        {
            Version = NgffVersion.V0_5,
            Multiscales = [NgffMultiscale.Pyramid(axes, [2.0, 0.5, 0.5], null, [[1, 2, 2], [2, 2, 2]], name: "raw", type: "mean")],
        };

        var attributes = image.ToAttributes(NgffDocuments.Parse("""{"note": "kept"}"""));

        Assert.Equal("kept", (string)attributes["note"]!);
        var datasets = attributes["ome"]!["multiscales"]![0]!["datasets"]!.AsArray();
        Assert.Equal(3, datasets.Count);
        Assert.Equal("""[{"type":"scale","scale":[2,0.5,0.5]}]""", datasets[0]!["coordinateTransformations"]!.ToJsonString());
        Assert.Equal(
            """[{"type":"scale","scale":[4,2,2]},{"type":"translation","translation":[1,0.75,0.75]}]""",
            datasets[2]!["coordinateTransformations"]!.ToJsonString());
        var read = NgffImage.FromAttributes(attributes, "zarr.json")!;
        Assert.Equal("raw", read.Multiscales[0].Name);
    }

    [Fact]
    public void ToAttributes_RefusesMetadataThatBreaksARule()
    {
        var image = new NgffImage
        {
            Version = NgffVersion.V0_4,
            Multiscales =
            [
                new NgffMultiscale
                {
                    Axes = [NgffAxis.Space("y", "um"), NgffAxis.Space("x", "micrometer")],
                    Datasets = [new NgffDataset("0", [1, 1])],
                },
            ],
        };

        var ex = Assert.Throws<InvalidOperationException>(() => image.ToAttributes());

        Assert.Contains("multiscales[0].axes[0].unit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'micrometer'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NgffVersion_ConvertsToAndFromText()
    {
        Assert.Equal("0.4", NgffVersion.V0_4.ToText());
        Assert.Equal("0.5", NgffVersion.V0_5.ToText());
        Assert.Equal(NgffVersion.V0_5, NgffVersionExtensions.Parse("0.5"));
        Assert.False(NgffVersionExtensions.TryParse("0.3", out _));
        var ex = Assert.Throws<ArgumentException>(() => NgffVersionExtensions.Parse("0.6"));
        Assert.Contains("0.4 and 0.5", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The document with every number written as a double, so 1 and 1.0 compare equal.</summary>
    private static JsonNode Normalise(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Normalise(p.Value)))),
        JsonArray a => new JsonArray(a.Select(e => e is null ? null : Normalise(e)).ToArray()),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
        _ => node.DeepClone(),
    };
}
