using System.Text.Json.Nodes;
using Tessera.Ngff;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Ngff;

/// <summary>Each rule that needs no arrays gives one error naming the file, the JSON field, and what is allowed.</summary>
public sealed class NgffBadInputTests
{
    private const string V05Source = "/data/img.zarr/zarr.json";
    private const string V04Source = "/data/img.zarr/.zattrs";
    private const string M = "ome.multiscales[0]";

    private static readonly Dictionary<string, (bool V04, Action<JsonObject> Break, string Field, string Expected)> Cases = new()
    {
        ["UnknownVersion"] = (false, a => a["ome"]!["version"] = "0.6", "ome.version", "versions 0.4 and 0.5"),
        ["UnknownV04Version"] = (true, a => a["multiscales"]![0]!["version"] = "0.3", "multiscales[0].version", "versions 0.4 and 0.5"),
        ["MissingV04Version"] = (true, a => Multiscale(a).Remove("version"), "multiscales[0].version", "is missing"),
        ["V05LayoutWithV04Version"] = (false, a => a["ome"]!["version"] = "0.4", "ome.version", ".zattrs"),
        ["V04LayoutWithV05Version"] = (true, a => a["multiscales"]![0]!["version"] = "0.5", "multiscales[0].version", "under attributes 'ome'"),
        ["VersionInV05Multiscale"] = (false, a => a["ome"]!["multiscales"]![0]!["version"] = "0.4", $"{M}.version", "remove it"),
        ["OmeNotObject"] = (false, a => a["ome"] = "0.5", "ome", "must be an object"),
        ["MultiscalesNotList"] = (false, a => a["ome"]!["multiscales"] = new JsonObject(), "ome.multiscales", "list of at least one"),
        ["OneAxis"] = (false, a => Axes(a).RemoveRange(0, 3), $"{M}.axes", "must have 2 to 5 entries (2 or 3 space axes, optionally after one time and one channel axis); found 1"),
        ["SixAxes"] = (true, a => Axes(a).Add(Axis("w", "space")), "multiscales[0].axes", "one channel axis); found 6"),
        ["ChannelAfterSpace"] = (false, a => Swap(Axes(a), 0, 1), $"{M}.axes", "axis 'c' comes after 'z'"),
        ["TimeAfterChannel"] = (true, a => Swap(Axes(a), 0, 1), "multiscales[0].axes", "axis 't' comes after 'c'"),
        ["TwoChannels"] = (false, a => Axes(a).Insert(0, Axis("c2", "channel")), $"{M}.axes", "2 channel or custom-typed axes"),
        ["OneSpaceAxis"] = (false, a => Axes(a).RemoveRange(1, 2), $"{M}.axes", "needs 2 or 3 axes of type 'space'; found 1"),
        ["FourSpaceAxes"] = (false, a => Axes(a)[0] = Axis("w", "space"), $"{M}.axes", "needs 2 or 3 axes of type 'space'; found 4"),
        ["RepeatedName"] = (false, a => Axes(a)[3]!["name"] = "y", $"{M}.axes[3].name", "axis names must be unique"),
        ["AbbreviatedSpaceUnit"] = (false, a => Axes(a)[1]!["unit"] = "um", $"{M}.axes[1].unit", "'um' is written 'micrometer'"),
        ["UnknownSpaceUnit"] = (false, a => Axes(a)[2]!["unit"] = "furlong", $"{M}.axes[2].unit", "such as micrometer, nanometer"),
        ["TimeUnitOnSpace"] = (false, a => Axes(a)[2]!["unit"] = "second", $"{M}.axes[2].unit", "not an OME-NGFF space unit"),
        ["AbbreviatedTimeUnit"] = (true, a => Axes(a)[0]!["unit"] = "ms", "multiscales[0].axes[0].unit", "'ms' is written 'millisecond'"),
        ["AxisNameMissing"] = (false, a => Axes(a)[2]!.AsObject().Remove("name"), $"{M}.axes[2].name", "non-empty string"),
        ["NoDatasets"] = (false, a => Datasets(a).Clear(), $"{M}.datasets", "at least one dataset"),
        ["TranslationFirst"] = (false, a => Swap(Transforms(a, 1), 0, 1), $"{M}.datasets[1].coordinateTransformations", "needs exactly one 'scale' transform first, optionally followed by one 'translation'; found ['translation', 'scale']"),
        ["TwoScales"] = (false, a => Transforms(a, 1)[1] = Scale(1, 2, 0.65, 0.65), $"{M}.datasets[1].coordinateTransformations", "found ['scale', 'scale']"),
        ["NoTransforms"] = (false, a => Transforms(a, 0).Clear(), $"{M}.datasets[0].coordinateTransformations", "needs exactly one 'scale' transform first"),
        ["TransformsMissing"] = (false, a => Datasets(a)[0]!.AsObject().Remove("coordinateTransformations"), $"{M}.datasets[0].coordinateTransformations", "must be a list of transforms"),
        ["ScaleTooShort"] = (false, a => Transforms(a, 0)[0] = Scale(2, 0.3, 0.3), $"{M}.datasets[0].coordinateTransformations[0].scale", "has 3 values but axes has 4 entries (c, z, y, x)"),
        ["ScaleZero"] = (false, a => Transforms(a, 0)[0] = Scale(1, 2, 0, 0.325), $"{M}.datasets[0].coordinateTransformations[0].scale[2]", "must be positive (the voxel size along axis 'y'); found 0"),
        ["ScaleNegative"] = (true, a => a["multiscales"]![0]!["datasets"]![2]!["coordinateTransformations"]![0] = Scale(1, 1, 2, -2, 2), "multiscales[0].datasets[2].coordinateTransformations[0].scale[3]", "must be positive"),
        ["ScaleNotNumber"] = (false, a => Transforms(a, 0)[0]!["scale"]![1] = "2.0", $"{M}.datasets[0].coordinateTransformations[0].scale[1]", "must be a finite number; found \"2.0\""),
        ["ScaleInSeparateArray"] = (false, a => Transforms(a, 0)[0] = new JsonObject { ["type"] = "scale", ["path"] = "scale.bin" }, $"{M}.datasets[0].coordinateTransformations[0]", "'path') is not supported"),
        ["TranslationTooLong"] = (false, a => Transforms(a, 1)[1]!["translation"]!.AsArray().Add(0), $"{M}.datasets[1].coordinateTransformations[1].translation", "has 5 values but axes has 4 entries"),
        ["PathMissing"] = (false, a => Datasets(a)[1]!.AsObject().Remove("path"), $"{M}.datasets[1].path", "relative to the image group"),
        ["PathRepeated"] = (false, a => Datasets(a)[1]!["path"] = "s0", $"{M}.datasets[1].path", "also the path of ome.multiscales[0].datasets[0]"),
        ["MultiscaleTranslationOnly"] = (false, a => Multiscale(a)["coordinateTransformations"] = new JsonArray(new JsonObject { ["type"] = "translation", ["translation"] = new JsonArray(0, 0, 0, 0) }), $"{M}.coordinateTransformations", "found ['translation']"),
        ["NameNotString"] = (false, a => Multiscale(a)["name"] = 3, $"{M}.name", "must be a string"),
        ["MetadataNotObject"] = (false, a => Multiscale(a)["metadata"] = "gaussian", $"{M}.metadata", "must be an object"),
        ["OmeroNotObject"] = (false, a => a["ome"]!["omero"] = new JsonArray(), "ome.omero", "must be an object"),
        ["OmeroLabelNotString"] = (false, a => a["ome"]!["omero"]!["channels"]![1]!["label"] = 2, "ome.omero.channels[1].label", "must be a string"),
        ["V04OmeroChannelsNotList"] = (true, a => a["omero"]!["channels"] = "DAPI", "omero.channels", "list of channel objects"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void FromAttributes_NamesTheFileAndTheField(string name)
    {
        var (v04, breakIt, field, expected) = Cases[name];
        var attributes = NgffDocuments.Parse(v04 ? NgffDocuments.V04 : NgffDocuments.V05);
        string source = v04 ? V04Source : V05Source;
        breakIt(attributes);

        var ex = Assert.Throws<ZarrFormatException>(() => NgffImage.FromAttributes(attributes, source));

        Assert.StartsWith($"'{source}': {field}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromAttributes_UnknownUnitMessageListsValidUnits()
    {
        var attributes = NgffDocuments.Parse(NgffDocuments.V05);
        Axes(attributes)[3]!["unit"] = "pixel";

        var ex = Assert.Throws<ZarrFormatException>(() => NgffImage.FromAttributes(attributes, V05Source));

        Assert.Equal(
            $"'{V05Source}': {M}.axes[3].unit: 'pixel' is not an OME-NGFF space unit; use a spelled-out UDUNITS-2 name such as " +
            "micrometer, nanometer, millimeter, angstrom or meter, on space axis 'x'.",
            ex.Message);
    }

    [Fact]
    public void FromAttributes_AcceptsEverySpecUnit()
    {
        foreach (string unit in NgffUnits.SpaceUnits)
        {
            var attributes = NgffDocuments.Parse(NgffDocuments.V05);
            Axes(attributes)[1]!["unit"] = unit;
            Assert.NotNull(NgffImage.FromAttributes(attributes, V05Source));
        }

        foreach (string unit in NgffUnits.TimeUnits)
        {
            var attributes = NgffDocuments.Parse(NgffDocuments.V04);
            attributes["multiscales"]![0]!["axes"]![0]!["unit"] = unit;
            Assert.NotNull(NgffImage.FromAttributes(attributes, V04Source));
        }

        Assert.Equal(26, NgffUnits.SpaceUnits.Count);
        Assert.Equal(23, NgffUnits.TimeUnits.Count);
    }

    private static JsonObject Multiscale(JsonObject a) => (a["ome"]?["multiscales"] ?? a["multiscales"])![0]!.AsObject();

    private static JsonArray Axes(JsonObject a) => Multiscale(a)["axes"]!.AsArray();

    private static JsonArray Datasets(JsonObject a) => Multiscale(a)["datasets"]!.AsArray();

    private static JsonArray Transforms(JsonObject a, int level) => Datasets(a)[level]!["coordinateTransformations"]!.AsArray();

    private static JsonObject Axis(string name, string type) => new() { ["name"] = name, ["type"] = type };

    private static JsonObject Scale(params double[] values) => new() { ["type"] = "scale", ["scale"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray()) };

    private static void Swap(JsonArray list, int i, int j)
    {
        var a = list[i]!.DeepClone();
        var b = list[j]!.DeepClone();
        list[i] = b;
        list[j] = a;
    }
}
