using System.Text.Json.Nodes;

namespace Tessera.Storage.Tests.Ngff;

/// <summary>
/// Tests of the independent OME-NGFF checker (<see cref="NgffRules"/>) on hand-written metadata: a valid
/// 0.4 (Zarr v2) and 0.5 (Zarr v3) image pass, and one broken variant per rule is caught and named.
/// </summary>
public sealed class NgffRulesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Check_ValidImage_Passes(bool v3)
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("image.zarr");
        new Image(v3).Write(folder);

        NgffRules.Check(folder);
        Assert.Empty(NgffRules.Violations(folder));
    }

    [Fact]
    public void Check_MinimalTwoAxisImage_WithoutOmeroOrUnits_Passes()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("yx.zarr");
        var image = new Image(v3: false, axes: [("y", "space", null), ("x", "space", null)],
            levels: [("s0", [100, 101], [1, 1]), ("s1", [50, 51], [2, 2]), ("s2", [25, 25], [4, 4])]);
        image.Attrs.Remove("omero");
        image.Write(folder);

        NgffRules.Check(folder);
    }

    [Fact]
    public void CheckAll_FindsEveryImage_AndSkipsPlainGroupsAndArrays()
    {
        using var temp = new TempDirectory();
        new Image(v3: false).Write(temp.Combine("a", "v2.zarr"));
        new Image(v3: true).Write(temp.Combine("b", "v3.zarr"));
        new Image(v3: false).Write(temp.Combine("b", "v3.zarr", "labels", "cells"));
        File.WriteAllText(temp.Combine("a", ".zgroup"), """{"zarr_format":2}""");
        File.WriteAllText(temp.Combine("a", ".zattrs"), """{"description":"not an image"}""");
        // A bare empty "multiscales" list in plain Zarr v2 attributes is not taken as an OME-Zarr claim.
        Directory.CreateDirectory(temp.Combine("c"));
        File.WriteAllText(temp.Combine("c", ".zgroup"), """{"zarr_format":2}""");
        File.WriteAllText(temp.Combine("c", ".zattrs"), """{"multiscales":[]}""");

        var images = NgffRules.CheckAll(temp.Path);

        Assert.Equal(
            [temp.Combine("a", "v2.zarr"), temp.Combine("b", "v3.zarr"), temp.Combine("b", "v3.zarr", "labels", "cells")],
            images);
        Assert.Empty(NgffRules.CheckAll(temp.Combine("missing")));
    }

    [Fact]
    public void CheckAll_ReportsEveryBrokenImage()
    {
        using var temp = new TempDirectory();
        var one = new Image(v3: false);
        one.Axis(1)["unit"] = "micron";
        one.Write(temp.Combine("one.zarr"));
        var two = new Image(v3: true);
        two.Arrays["1"]["shape"] = new JsonArray(1, 2, 3);
        two.Write(temp.Combine("two.zarr"));

        try
        {
            var e = Assert.Throws<NgffViolationException>(() => NgffRules.CheckAll(temp.Path));

            Assert.Contains(e.Violations, v => v.StartsWith("[axes.unit]", StringComparison.Ordinal) && v.Contains("one.zarr", StringComparison.Ordinal));
            Assert.Contains(e.Violations, v => v.StartsWith("[array.rank]", StringComparison.Ordinal) && v.Contains("two.zarr", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(temp.Path, recursive: true); // the broken images must not also fail the dispose hook
        }
    }

    [Fact]
    public void Check_FolderWithoutImage_Throws()
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<NgffViolationException>(() => NgffRules.Check(temp.Path));
        Assert.StartsWith("[multiscales]", e.Violations.Single(), StringComparison.Ordinal);
    }

    public static TheoryData<string, bool, string> Breakages()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var (name, rule, versions) in Cases)
        {
            foreach (bool v3 in versions)
            {
                data.Add(name, v3, rule);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Check_BrokenImage_ThrowsNamingTheRule(string breakage, bool v3, string rule)
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("broken.zarr");
        try
        {
            Break(new Image(v3), breakage, folder);

            var e = Assert.Throws<NgffViolationException>(() => NgffRules.Check(folder));

            Assert.Contains(e.Violations, v => v.StartsWith($"[{rule}] ", StringComparison.Ordinal));
            Assert.Contains($"[{rule}] ", e.Message, StringComparison.Ordinal);
            foreach (string violation in e.Violations)
            {
                // "[rule] file: $.json.path: message", the rule one of the documented ids, the file inside the image.
                string id = violation[1..violation.IndexOf(']', StringComparison.Ordinal)];
                Assert.Contains(id, NgffRules.Rules);
                Assert.Contains(folder, violation, StringComparison.Ordinal);
                Assert.Contains(": $", violation, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true); // the broken image must not also fail the dispose hook
        }
    }

    [Fact]
    public void Check_LevelShapes_AllowFloorOrCeil_ButNothingElse()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("round.zarr");
        // x: 63 at 0.5 -> at 1.0 exactly 31.5: 31 and 32 both pass, 30 and 33 fail.
        foreach (long x in new long[] { 31, 32 })
        {
            var image = new Image(v3: false);
            image.Arrays["1"]["shape"]![3] = x;
            image.Write(folder);
            NgffRules.Check(folder);
            Directory.Delete(folder, recursive: true);
        }

        foreach (long x in new long[] { 30, 33 })
        {
            var image = new Image(v3: false);
            image.Arrays["1"]["shape"]![3] = x;
            image.Write(folder);
            var e = Assert.Throws<NgffViolationException>(() => NgffRules.Check(folder));
            Assert.Contains(e.Violations, v => v.StartsWith("[levels.shape]", StringComparison.Ordinal) && v.Contains("axis x", StringComparison.Ordinal));
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Check_ScaleWithFloatingPointNoise_Passes()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("noise.zarr");
        // 0.1 * 3 is 0.30000000000000004: 90 * 0.1 / 0.30000000000000004 must still count as 30.
        var image = new Image(v3: true, axes: [("y", "space", "micrometer"), ("x", "space", "micrometer")],
            levels: [("0", [90, 90], [0.1, 0.1]), ("1", [30, 30], [0.1 * 3, 0.1 * 3])]);
        image.Attrs.Remove("omero");
        image.Write(folder);

        NgffRules.Check(folder);
    }

    [Fact]
    public void TempDirectory_Dispose_ChecksTheImagesWrittenUnderIt()
    {
        int before = TempDirectory.NgffImagesChecked;
        var temp = new TempDirectory();
        new Image(v3: false).Write(temp.Combine("a.zarr"));
        new Image(v3: true).Write(temp.Combine("b.zarr"));

        temp.Dispose();

        Assert.True(TempDirectory.NgffImagesChecked >= before + 2);
        Assert.False(Directory.Exists(temp.Path));
    }

    [Fact]
    public void TempDirectory_Dispose_ThrowsOnABrokenImage_AndStillDeletes()
    {
        var temp = new TempDirectory();
        var image = new Image(v3: true);
        image.Multiscale["axes"]!.AsArray()[0]!["type"] = "space";
        image.Write(temp.Combine("bad.zarr"));

        var e = Assert.Throws<NgffViolationException>(temp.Dispose);

        Assert.Contains(e.Violations, v => v.StartsWith("[axes.count]", StringComparison.Ordinal));
        Assert.False(Directory.Exists(temp.Path));
    }

    // ---- Breakages: name, rule expected, versions it applies to (false = 0.4/v2, true = 0.5/v3). ----

    private static readonly (string Name, string Rule, bool[] Versions)[] Cases =
    [
        ("group-missing", "group", [false]),
        ("group-format", "group", [false, true]),
        ("group-node-type", "group", [true]),
        ("version", "version", [false, true]),
        ("multiscales-empty", "multiscales", [false, true]),
        ("multiscales-not-list", "multiscales", [false, true]),
        ("axes-one", "axes.count", [false, true]),
        ("axes-six", "axes.count", [false, true]),
        ("axes-one-space", "axes.count", [false, true]),
        ("axes-two-channels", "axes.count", [false, true]),
        ("axes-two-times", "axes.count", [true]),
        ("axes-name-missing", "axes.name", [false, true]),
        ("axes-name-duplicate", "axes.name", [false, true]),
        ("axes-type-number", "axes.type", [false, true]),
        ("axes-order-channel-after-space", "axes.order", [false, true]),
        ("axes-order-time-after-channel", "axes.order", [true]),
        ("axes-unit-space", "axes.unit", [false, true]),
        ("axes-unit-time", "axes.unit", [true]),
        ("axes-unit-time-on-space", "axes.unit", [false, true]),
        ("datasets-empty", "datasets", [false, true]),
        ("datasets-missing", "datasets", [false, true]),
        ("datasets-path-missing-folder", "datasets.path", [false, true]),
        ("datasets-path-not-array", "datasets.path", [false, true]),
        ("datasets-path-wrong-zarr", "datasets.path", [false, true]),
        ("datasets-path-group", "datasets.path", [true]),
        ("datasets-path-duplicate", "datasets.path", [false, true]),
        ("transforms-missing", "transforms", [false, true]),
        ("transforms-affine", "transforms", [false, true]),
        ("scale-missing", "transforms.scale", [false, true]),
        ("scale-twice", "transforms.scale", [false, true]),
        ("scale-after-translation", "transforms.scale", [false, true]),
        ("scale-as-path", "transforms.scale", [false, true]),
        ("translation-twice", "transforms.translation", [false, true]),
        ("scale-length", "transforms.length", [false, true]),
        ("translation-length", "transforms.length", [false, true]),
        ("multiscale-transform-length", "transforms.length", [false, true]),
        ("scale-zero", "transforms.value", [false, true]),
        ("scale-negative", "transforms.value", [false, true]),
        ("scale-string", "transforms.value", [false, true]),
        ("array-format", "array", [false, true]),
        ("array-shape", "array", [false, true]),
        ("rank-mismatch", "array.rank", [false, true]),
        ("dimension-names-order", "array.dimension_names", [true]),
        ("dimension-names-count", "array.dimension_names", [true]),
        ("level-shape-inconsistent", "levels.shape", [false, true]),
        ("level-shape-grows", "levels.shape", [false, true]),
        ("omero-not-object", "omero", [false, true]),
        ("omero-channels-missing", "omero.channels", [false, true]),
        ("omero-channel-count", "omero.channels", [false, true]),
        ("omero-color-name", "omero.color", [false, true]),
        ("omero-color-short", "omero.color", [false, true]),
        ("json-malformed-array", "json", [false, true]),
    ];

    private static void Break(Image image, string breakage, string folder)
    {
        var axes = image.Multiscale["axes"]!.AsArray();
        var datasets = image.Multiscale["datasets"]!.AsArray();
        JsonArray Transforms(int level) => datasets[level]!["coordinateTransformations"]!.AsArray();
        int space0 = image.V3 ? 2 : 1; // index of the first space axis (z)
        switch (breakage)
        {
            case "group-missing":
                image.Write(folder);
                File.Delete(Path.Combine(folder, ".zgroup"));
                return;
            case "group-format":
                image.Group["zarr_format"] = image.V3 ? 2 : 3;
                break;
            case "group-node-type":
                image.Group["node_type"] = "array";
                break;
            case "version":
                if (image.V3)
                {
                    image.Attrs["version"] = "0.4";
                }
                else
                {
                    image.Multiscale["version"] = "0.3";
                }

                break;
            case "multiscales-empty":
                image.Attrs["multiscales"] = new JsonArray();
                break;
            case "multiscales-not-list":
                image.Attrs["multiscales"] = new JsonObject();
                break;
            case "axes-one":
                image.Multiscale["axes"] = new JsonArray(new JsonObject { ["name"] = "x", ["type"] = "space" });
                break;
            case "axes-six":
                axes.Insert(0, new JsonObject { ["name"] = "q", ["type"] = "space" });
                if (!image.V3)
                {
                    axes.Insert(0, new JsonObject { ["name"] = "r", ["type"] = "space" });
                }

                break;
            case "axes-one-space":
                axes[space0]!["type"] = "custom";
                axes[space0 + 1]!["type"] = "custom";
                break;
            case "axes-two-channels":
                axes[space0]!["type"] = "channel";
                axes[space0]!.AsObject().Remove("unit");
                break;
            case "axes-two-times":
                axes[1]!["type"] = "time";
                break;
            case "axes-name-missing":
                axes[space0]!.AsObject().Remove("name");
                break;
            case "axes-name-duplicate":
                axes[space0 + 1]!["name"] = "x";
                break;
            case "axes-type-number":
                axes[space0 - 1]!["type"] = 7;
                break;
            case "axes-order-channel-after-space":
                // c z y x -> z c y x: same names, wrong type order.
                (axes[space0 - 1], axes[space0]) = (axes[space0]!.DeepClone(), axes[space0 - 1]!.DeepClone());
                image.SyncDimensionNames();
                break;
            case "axes-order-time-after-channel":
                (axes[0], axes[1]) = (axes[1]!.DeepClone(), axes[0]!.DeepClone());
                image.SyncDimensionNames();
                break;
            case "axes-unit-space":
                axes[space0]!["unit"] = "micron";
                break;
            case "axes-unit-time":
                axes[0]!["unit"] = "sec";
                break;
            case "axes-unit-time-on-space":
                axes[space0]!["unit"] = "second";
                break;
            case "datasets-empty":
                image.Multiscale["datasets"] = new JsonArray();
                break;
            case "datasets-missing":
                image.Multiscale.Remove("datasets");
                break;
            case "datasets-path-missing-folder":
                datasets[2]!["path"] = "7";
                break;
            case "datasets-path-not-array":
                image.Write(folder);
                File.Delete(Path.Combine(folder, "2", image.V3 ? "zarr.json" : ".zarray"));
                return;
            case "datasets-path-wrong-zarr":
                // A v2 array under a v3 image, or a v3 array under a v2 image.
                image.Write(folder);
                File.Move(Path.Combine(folder, "2", image.V3 ? "zarr.json" : ".zarray"), Path.Combine(folder, "2", image.V3 ? ".zarray" : "zarr.json"));
                return;
            case "datasets-path-group":
                image.Arrays["2"]["node_type"] = "group";
                break;
            case "datasets-path-duplicate":
                datasets[2]!["path"] = "1";
                break;
            case "transforms-missing":
                datasets[1]!.AsObject().Remove("coordinateTransformations");
                break;
            case "transforms-affine":
                Transforms(1).Add(new JsonObject { ["type"] = "affine", ["affine"] = new JsonArray() });
                break;
            case "scale-missing":
                Transforms(0).RemoveAt(0);
                break;
            case "scale-twice":
                Transforms(1).Add(Transforms(1)[0]!.DeepClone());
                break;
            case "scale-after-translation":
                var scale = Transforms(0)[0]!.DeepClone();
                Transforms(0).RemoveAt(0);
                Transforms(0).Add(scale);
                break;
            case "scale-as-path":
                Transforms(1)[0] = new JsonObject { ["type"] = "scale", ["path"] = "scales/1" };
                break;
            case "translation-twice":
                Transforms(0).Add(Transforms(0)[1]!.DeepClone());
                break;
            case "scale-length":
                Transforms(2)[0]!["scale"]!.AsArray().RemoveAt(0);
                break;
            case "translation-length":
                Transforms(0)[1]!["translation"]!.AsArray().Add(0.0);
                break;
            case "multiscale-transform-length":
                image.Multiscale["coordinateTransformations"] = new JsonArray(new JsonObject { ["type"] = "scale", ["scale"] = new JsonArray(1.0, 1.0) });
                break;
            case "scale-zero":
                Transforms(1)[0]!["scale"]![space0] = 0.0;
                break;
            case "scale-negative":
                Transforms(1)[0]!["scale"]![space0] = -1.0;
                break;
            case "scale-string":
                Transforms(1)[0]!["scale"]![space0] = "1";
                break;
            case "array-format":
                image.Arrays["1"]["zarr_format"] = image.V3 ? 2 : 3;
                break;
            case "array-shape":
                image.Arrays["1"]["shape"]![0] = -1;
                break;
            case "rank-mismatch":
                image.Arrays["1"]["shape"]!.AsArray().RemoveAt(0);
                break;
            case "dimension-names-order":
                image.Arrays["1"]["dimension_names"] = new JsonArray([.. image.AxisNames().Reverse().Select(n => (JsonNode)n)]);
                break;
            case "dimension-names-count":
                image.Arrays["1"]["dimension_names"]!.AsArray().RemoveAt(0);
                break;
            case "level-shape-inconsistent":
                // y at level 1: 64 at 0.5 -> at 1.0 must be 32, not 40.
                image.Arrays["1"]["shape"]![space0 + 1] = 40;
                break;
            case "level-shape-grows":
                // Level 2 twice as fine as level 0 in x: consistent with its scale, but larger than level 1.
                image.Arrays["2"]["shape"]![space0 + 2] = 126;
                Transforms(2)[0]!["scale"]![space0 + 2] = 0.25;
                break;
            case "omero-not-object":
                image.Attrs["omero"] = new JsonArray();
                break;
            case "omero-channels-missing":
                image.Attrs["omero"]!.AsObject().Remove("channels");
                break;
            case "omero-channel-count":
                image.Attrs["omero"]!["channels"]!.AsArray().Add(new JsonObject { ["color"] = "FFFFFF", ["label"] = "extra" });
                break;
            case "omero-color-name":
                image.Attrs["omero"]!["channels"]![0]!["color"] = "red";
                break;
            case "omero-color-short":
                image.Attrs["omero"]!["channels"]![1]!["color"] = "#0F0";
                break;
            case "json-malformed-array":
                image.Write(folder);
                File.WriteAllText(Path.Combine(folder, "1", image.V3 ? "zarr.json" : ".zarray"), "{\"zarr_format\": ");
                return;
            default:
                throw new ArgumentException($"unknown breakage {breakage}", nameof(breakage));
        }

        image.Write(folder);
    }

    /// <summary>
    /// A small OME-Zarr image as JSON documents only (no chunks). By default: 0.4 (v2) c,z,y,x or
    /// 0.5 (v3) t,c,z,y,x with three levels (y,x 64x63 at 0.5 µm, then 32x32 at 1, then 16x15 at 2;
    /// z 10 then 5 at the last level), a translation on level 0 and omero metadata for 2 channels.
    /// </summary>
    private sealed class Image
    {
        public Image(bool v3, (string Name, string? Type, string? Unit)[]? axes = null, (string Path, long[] Shape, double[] Scale)[]? levels = null)
        {
            V3 = v3;
            axes ??= v3
                ? [("t", "time", "second"), ("c", "channel", null), ("z", "space", "micrometer"), ("y", "space", "micrometer"), ("x", "space", "micrometer")]
                : [("c", "channel", null), ("z", "space", "micrometer"), ("y", "space", "micrometer"), ("x", "space", "micrometer")];
            long[] lead = v3 ? [3, 2] : [2];
            double[] leadScale = v3 ? [1.5, 1] : [1];
            levels ??=
            [
                ("0", [.. lead, 10, 64, 63], [.. leadScale, 1, 0.5, 0.5]),
                ("1", [.. lead, 10, 32, 32], [.. leadScale, 1, 1, 1]),
                ("2", [.. lead, 5, 16, 15], [.. leadScale, 2, 2, 2]),
            ];

            var axesJson = new JsonArray();
            foreach (var (name, type, unit) in axes)
            {
                var axis = new JsonObject { ["name"] = name };
                if (type is not null)
                {
                    axis["type"] = type;
                }

                if (unit is not null)
                {
                    axis["unit"] = unit;
                }

                axesJson.Add(axis);
            }

            var datasets = new JsonArray();
            for (int k = 0; k < levels.Length; k++)
            {
                var (path, shape, scale) = levels[k];
                var transforms = new JsonArray(new JsonObject { ["type"] = "scale", ["scale"] = Numbers(scale) });
                if (k == 0)
                {
                    transforms.Add(new JsonObject { ["type"] = "translation", ["translation"] = Numbers(new double[scale.Length]) });
                }

                datasets.Add(new JsonObject { ["path"] = path, ["coordinateTransformations"] = transforms });
                Arrays[path] = v3
                    ? new JsonObject
                    {
                        ["zarr_format"] = 3,
                        ["node_type"] = "array",
                        ["shape"] = Numbers(shape),
                        ["data_type"] = "uint16",
                        ["chunk_grid"] = new JsonObject { ["name"] = "regular", ["configuration"] = new JsonObject { ["chunk_shape"] = Numbers(shape) } },
                        ["chunk_key_encoding"] = new JsonObject { ["name"] = "default" },
                        ["fill_value"] = 0,
                        ["codecs"] = new JsonArray(new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } }),
                        ["dimension_names"] = new JsonArray([.. axes.Select(a => (JsonNode)a.Name)]),
                    }
                    : new JsonObject
                    {
                        ["zarr_format"] = 2,
                        ["shape"] = Numbers(shape),
                        ["chunks"] = Numbers(shape),
                        ["dtype"] = "<u2",
                        ["compressor"] = null,
                        ["fill_value"] = 0,
                        ["order"] = "C",
                        ["filters"] = null,
                    };
            }

            var multiscale = new JsonObject { ["name"] = "image", ["axes"] = axesJson, ["datasets"] = datasets };
            if (!v3)
            {
                multiscale["version"] = "0.4";
            }

            Attrs = new JsonObject
            {
                ["multiscales"] = new JsonArray(multiscale),
                ["omero"] = new JsonObject
                {
                    ["channels"] = new JsonArray(
                        new JsonObject { ["color"] = "FF00aa", ["label"] = "dapi", ["window"] = new JsonObject { ["start"] = 0, ["end"] = 1000, ["min"] = 0, ["max"] = 65535 } },
                        new JsonObject { ["color"] = "00FF00", ["label"] = "gfp" }),
                    ["rdefs"] = new JsonObject { ["model"] = "color" },
                },
            };
            if (v3)
            {
                Attrs.Insert(0, "version", "0.5");
                Group = new JsonObject { ["zarr_format"] = 3, ["node_type"] = "group", ["attributes"] = new JsonObject { ["ome"] = Attrs } };
            }
            else
            {
                Group = new JsonObject { ["zarr_format"] = 2 };
            }
        }

        public bool V3 { get; }

        /// <summary>The group metadata: .zgroup (v2) or zarr.json (v3, holding <see cref="Attrs"/> under attributes.ome).</summary>
        public JsonObject Group { get; }

        /// <summary>The object holding "multiscales" and "omero": .zattrs (v2) or attributes.ome (v3).</summary>
        public JsonObject Attrs { get; }

        public Dictionary<string, JsonObject> Arrays { get; } = [];

        public JsonObject Multiscale => Attrs["multiscales"]!.AsArray()[0]!.AsObject();

        public JsonObject Axis(int index) => Multiscale["axes"]!.AsArray()[index]!.AsObject();

        public IEnumerable<string> AxisNames() => Multiscale["axes"]!.AsArray().Select(a => (string)a!["name"]!);

        public void SyncDimensionNames()
        {
            foreach (var array in Arrays.Values.Where(a => a.ContainsKey("dimension_names")))
            {
                array["dimension_names"] = new JsonArray([.. AxisNames().Select(n => (JsonNode)n)]);
            }
        }

        public void Write(string folder)
        {
            Directory.CreateDirectory(folder);
            if (V3)
            {
                File.WriteAllText(Path.Combine(folder, "zarr.json"), Group.ToJsonString());
            }
            else
            {
                File.WriteAllText(Path.Combine(folder, ".zgroup"), Group.ToJsonString());
                File.WriteAllText(Path.Combine(folder, ".zattrs"), Attrs.ToJsonString());
            }

            foreach (var (path, meta) in Arrays)
            {
                string arrayFolder = Path.Combine(folder, path);
                Directory.CreateDirectory(arrayFolder);
                File.WriteAllText(Path.Combine(arrayFolder, V3 ? "zarr.json" : ".zarray"), meta.ToJsonString());
            }
        }

        private static JsonArray Numbers(IEnumerable<long> values) => new([.. values.Select(v => (JsonNode)v)]);

        private static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode)v)]);
    }
}
