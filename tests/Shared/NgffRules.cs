using System.Globalization;
using System.Text.Json;

namespace Tessera.Testing;

/// <summary>
/// An independent checker of OME-NGFF (OME-Zarr) rules, written straight from the specification
/// (<see href="https://ngff.openmicroscopy.org/0.4/">0.4</see>, Zarr v2, and
/// <see href="https://ngff.openmicroscopy.org/0.5/">0.5</see>, Zarr v3). It reads the metadata files
/// with <see cref="System.IO"/> and <see cref="System.Text.Json"/> only and deliberately shares no
/// code with Tessera, so that Tessera's writers are checked against the spec and not against themselves.
/// </summary>
/// <remarks>
/// Every violation is reported as <c>[rule] file: $.json.path: message</c>; the rule ids are listed in
/// <see cref="Rules"/>.
/// </remarks>
public static class NgffRules
{
    /// <summary>The rule ids that appear in brackets at the start of each violation.</summary>
    public static readonly IReadOnlyList<string> Rules =
    [
        "json", "group", "version", "multiscales", "axes.count", "axes.name", "axes.type", "axes.order",
        "axes.unit", "datasets", "datasets.path", "transforms", "transforms.scale", "transforms.translation",
        "transforms.length", "transforms.value", "array", "array.rank", "array.dimension_names",
        "levels.shape", "omero", "omero.channels", "omero.color",
    ];

    /// <summary>UDUNITS-2 length units listed by the spec for "space" axes.</summary>
    public static readonly IReadOnlySet<string> SpaceUnits = new HashSet<string>(StringComparer.Ordinal)
    {
        "angstrom", "attometer", "centimeter", "decimeter", "exameter", "femtometer", "foot", "gigameter",
        "hectometer", "inch", "kilometer", "megameter", "meter", "micrometer", "mile", "millimeter",
        "nanometer", "parsec", "petameter", "picometer", "terameter", "yard", "yoctometer", "yottameter",
        "zeptometer", "zettameter",
    };

    /// <summary>UDUNITS-2 time units listed by the spec for "time" axes.</summary>
    public static readonly IReadOnlySet<string> TimeUnits = new HashSet<string>(StringComparer.Ordinal)
    {
        "attosecond", "centisecond", "day", "decisecond", "exasecond", "femtosecond", "gigasecond",
        "hectosecond", "hour", "kilosecond", "megasecond", "microsecond", "millisecond", "minute",
        "nanosecond", "petasecond", "picosecond", "second", "terasecond", "yoctosecond", "yottasecond",
        "zeptosecond", "zettasecond",
    };

    private const string ZAttrs = ".zattrs";
    private const string ZGroup = ".zgroup";
    private const string ZArray = ".zarray";
    private const string ZarrJson = "zarr.json";

    /// <summary>
    /// Finds every OME-Zarr image under <paramref name="root"/> (the root itself included) and checks
    /// each. An image is a folder whose <c>.zattrs</c> has "multiscales" (0.4, Zarr v2; a bare empty
    /// list is taken as an ordinary attribute, not a claim) or whose <c>zarr.json</c> attributes hold
    /// "ome" with "multiscales" (0.5, Zarr v3). Array folders are not descended into (they hold chunks).
    /// Throws <see cref="NgffViolationException"/> listing the violations of every image.
    /// </summary>
    /// <returns>The image folders checked, in traversal order.</returns>
    public static IReadOnlyList<string> CheckAll(string root)
    {
        var images = new List<string>();
        var violations = new List<string>();
        if (!Directory.Exists(root))
        {
            return images;
        }

        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            if (IsArrayFolder(folder))
            {
                continue;
            }

            if (ClaimsImage(folder))
            {
                images.Add(folder);
                violations.AddRange(Violations(folder));
            }

            string[] children;
            try
            {
                children = Directory.GetDirectories(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            Array.Sort(children, StringComparer.Ordinal);
            for (int i = children.Length - 1; i >= 0; i--)
            {
                if (!new DirectoryInfo(children[i]).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    pending.Push(children[i]);
                }
            }
        }

        if (violations.Count > 0)
        {
            throw new NgffViolationException(violations);
        }

        return images;
    }

    /// <summary>
    /// Checks one image folder; throws <see cref="NgffViolationException"/> listing every broken rule
    /// with the file and JSON path.
    /// </summary>
    public static void Check(string imageFolder)
    {
        var violations = Violations(imageFolder);
        if (violations.Count > 0)
        {
            throw new NgffViolationException(violations);
        }
    }

    /// <summary>The violations of one image folder, empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(string imageFolder)
    {
        var report = new Report();
        string zattrs = Path.Combine(imageFolder, ZAttrs);
        string zarrJson = Path.Combine(imageFolder, ZarrJson);
        bool checkedAny = false;

        if (File.Exists(zattrs) && report.Load(zattrs) is { } v2 && v2.ValueKind == JsonValueKind.Object
            && v2.TryGetProperty("multiscales", out _))
        {
            checkedAny = true;
            CheckImage(report, imageFolder, zattrs, "$", v2, "0.4");
        }

        if (File.Exists(zarrJson) && report.Load(zarrJson) is { } v3 && v3.ValueKind == JsonValueKind.Object
            && v3.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            && attributes.TryGetProperty("ome", out var ome) && ome.ValueKind == JsonValueKind.Object
            && ome.TryGetProperty("multiscales", out _))
        {
            checkedAny = true;
            CheckImage(report, imageFolder, zarrJson, "$.attributes.ome", ome, "0.5");
        }

        if (!checkedAny && report.Items.Count == 0)
        {
            report.Add("multiscales", imageFolder, "$",
                $"no OME-Zarr image here: neither {ZAttrs} with \"multiscales\" (0.4) nor {ZarrJson} with attributes.ome.multiscales (0.5)");
        }

        return report.Items;
    }

    private static bool ClaimsImage(string folder)
    {
        string zattrs = Path.Combine(folder, ZAttrs);
        if (TryParse(zattrs) is { ValueKind: JsonValueKind.Object } v2 && v2.TryGetProperty("multiscales", out var ms)
            && !(ms.ValueKind == JsonValueKind.Array && ms.GetArrayLength() == 0))
        {
            return true;
        }

        string zarrJson = Path.Combine(folder, ZarrJson);
        return TryParse(zarrJson) is { ValueKind: JsonValueKind.Object } v3
            && v3.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            && attributes.TryGetProperty("ome", out var ome) && ome.ValueKind == JsonValueKind.Object
            && ome.TryGetProperty("multiscales", out _);
    }

    private static bool IsArrayFolder(string folder)
    {
        if (File.Exists(Path.Combine(folder, ZArray)))
        {
            return true;
        }

        return TryParse(Path.Combine(folder, ZarrJson)) is { ValueKind: JsonValueKind.Object } v3
            && v3.TryGetProperty("node_type", out var nodeType) && nodeType.ValueKind == JsonValueKind.String
            && nodeType.GetString() == "array";
    }

    private static JsonElement? TryParse(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Malformed metadata is a plain Zarr problem (some tests write it on purpose), not an OME-Zarr claim.
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // attrs is the object holding "multiscales": the whole .zattrs (0.4) or attributes.ome (0.5).
    private static void CheckImage(Report report, string folder, string file, string basePath, JsonElement attrs, string version)
    {
        bool v3 = version == "0.5";
        CheckGroup(report, folder, v3);

        if (v3)
        {
            if (!attrs.TryGetProperty("version", out var omeVersion) || omeVersion.ValueKind != JsonValueKind.String
                || omeVersion.GetString() != "0.5")
            {
                report.Add("version", file, $"{basePath}.version", $"must be \"0.5\" for an OME-Zarr in Zarr v3, found {Show(attrs, "version")}");
            }
        }

        string msPath = $"{basePath}.multiscales";
        if (!attrs.TryGetProperty("multiscales", out var multiscales) || multiscales.ValueKind != JsonValueKind.Array)
        {
            report.Add("multiscales", file, msPath, $"must be a list, found {Show(attrs, "multiscales")}");
            return;
        }

        if (multiscales.GetArrayLength() == 0)
        {
            report.Add("multiscales", file, msPath, "must be a non-empty list");
            return;
        }

        int i = 0;
        foreach (var multiscale in multiscales.EnumerateArray())
        {
            string path = $"{msPath}[{i}]";
            if (multiscale.ValueKind != JsonValueKind.Object)
            {
                report.Add("multiscales", file, path, $"must be an object, found {multiscale.ValueKind}");
            }
            else
            {
                if (!v3 && (!multiscale.TryGetProperty("version", out var msVersion) || msVersion.ValueKind != JsonValueKind.String
                    || msVersion.GetString() != "0.4"))
                {
                    report.Add("version", file, $"{path}.version",
                        $"must be \"0.4\" (the OME-NGFF version for Zarr v2 this checker knows), found {Show(multiscale, "version")}");
                }

                var axes = CheckAxes(report, file, path, multiscale);
                var levels = CheckDatasets(report, folder, file, path, multiscale, axes, v3);
                if (axes is not null && multiscale.TryGetProperty("coordinateTransformations", out var common))
                {
                    CheckTransforms(report, file, $"{path}.coordinateTransformations", common, axes.Count);
                }

                if (axes is not null && levels is not null)
                {
                    CheckLevels(report, file, path, axes, levels);
                }

                if (i == 0)
                {
                    CheckOmero(report, file, basePath, attrs, axes, levels);
                }
            }

            i++;
        }
    }

    private static void CheckGroup(Report report, string folder, bool v3)
    {
        if (v3)
        {
            string file = Path.Combine(folder, ZarrJson);
            if (report.Load(file) is not { ValueKind: JsonValueKind.Object } meta)
            {
                return;
            }

            if (!IsNumber(meta, "zarr_format", 3))
            {
                report.Add("group", file, "$.zarr_format", $"must be 3, found {Show(meta, "zarr_format")}");
            }

            if (!IsString(meta, "node_type", "group"))
            {
                report.Add("group", file, "$.node_type", $"must be \"group\", found {Show(meta, "node_type")}");
            }
        }
        else
        {
            string file = Path.Combine(folder, ZGroup);
            if (!File.Exists(file))
            {
                report.Add("group", file, "$", "missing: an OME-Zarr 0.4 image must be a Zarr v2 group");
                return;
            }

            if (report.Load(file) is not { ValueKind: JsonValueKind.Object } meta)
            {
                return;
            }

            if (!IsNumber(meta, "zarr_format", 2))
            {
                report.Add("group", file, "$.zarr_format", $"must be 2, found {Show(meta, "zarr_format")}");
            }
        }
    }

    private sealed record Axis(string Name, string? Type);

    private static List<Axis>? CheckAxes(Report report, string file, string msPath, JsonElement multiscale)
    {
        string path = $"{msPath}.axes";
        if (!multiscale.TryGetProperty("axes", out var axesJson) || axesJson.ValueKind != JsonValueKind.Array)
        {
            report.Add("axes.count", file, path, $"must be a list of 2 to 5 axes, found {Show(multiscale, "axes")}");
            return null;
        }

        int count = axesJson.GetArrayLength();
        if (count is < 2 or > 5)
        {
            report.Add("axes.count", file, path, $"must hold 2 to 5 axes, found {count}");
        }

        var axes = new List<Axis>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var axis in axesJson.EnumerateArray())
        {
            string axisPath = $"{path}[{i}]";
            string name = $"#{i}";
            i++;
            if (axis.ValueKind != JsonValueKind.Object)
            {
                report.Add("axes.name", file, axisPath, $"must be an object, found {axis.ValueKind}");
                axes.Add(new Axis(name, null));
                continue;
            }

            if (!axis.TryGetProperty("name", out var nameJson) || nameJson.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(nameJson.GetString()))
            {
                report.Add("axes.name", file, $"{axisPath}.name", $"must be a non-empty string, found {Show(axis, "name")}");
            }
            else
            {
                name = nameJson.GetString()!;
                if (!names.Add(name))
                {
                    report.Add("axes.name", file, $"{axisPath}.name", $"\"{name}\" is not unique");
                }
            }

            string? type = null;
            if (axis.TryGetProperty("type", out var typeJson) && typeJson.ValueKind != JsonValueKind.Null)
            {
                if (typeJson.ValueKind != JsonValueKind.String)
                {
                    report.Add("axes.type", file, $"{axisPath}.type", $"must be a string (space, time, channel or a custom type), found {typeJson.ValueKind}");
                }
                else
                {
                    type = typeJson.GetString();
                }
            }

            if (axis.TryGetProperty("unit", out var unitJson) && unitJson.ValueKind != JsonValueKind.Null)
            {
                string? unit = unitJson.ValueKind == JsonValueKind.String ? unitJson.GetString() : null;
                if (unit is null)
                {
                    report.Add("axes.unit", file, $"{axisPath}.unit", $"must be a string, found {unitJson.ValueKind}");
                }
                else if (type == "space" && !SpaceUnits.Contains(unit))
                {
                    report.Add("axes.unit", file, $"{axisPath}.unit", $"\"{unit}\" is not one of the spec's UDUNITS-2 length units for a space axis");
                }
                else if (type == "time" && !TimeUnits.Contains(unit))
                {
                    report.Add("axes.unit", file, $"{axisPath}.unit", $"\"{unit}\" is not one of the spec's UDUNITS-2 time units for a time axis");
                }
            }

            axes.Add(new Axis(name, type));
        }

        // Order and counts: [time] [channel | custom | untyped] space space [space].
        int space = axes.Count(a => a.Type == "space");
        int time = axes.Count(a => a.Type == "time");
        int other = axes.Count(a => a.Type is not ("space" or "time"));
        if (space is < 2 or > 3)
        {
            report.Add("axes.count", file, path, $"must hold 2 or 3 axes of type \"space\", found {space}");
        }

        if (time > 1)
        {
            report.Add("axes.count", file, path, $"may hold at most one axis of type \"time\", found {time}");
        }

        if (other > 1)
        {
            report.Add("axes.count", file, path, $"may hold at most one axis of type \"channel\" (or custom / no type), found {other}");
        }

        static int Rank(string? type) => type switch { "time" => 0, "space" => 2, _ => 1 };
        for (int a = 1; a < axes.Count; a++)
        {
            if (Rank(axes[a].Type) < Rank(axes[a - 1].Type))
            {
                report.Add("axes.order", file, path,
                    $"must be ordered time, then channel (or custom), then space; found [{string.Join(", ", axes.Select(x => $"{x.Name}:{x.Type ?? "null"}"))}]");
                break;
            }
        }

        return axes;
    }

    private sealed record Level(string Path, long[] Shape, double[]? Scale);

    private static List<Level>? CheckDatasets(Report report, string folder, string file, string msPath, JsonElement multiscale, List<Axis>? axes, bool v3)
    {
        string path = $"{msPath}.datasets";
        if (!multiscale.TryGetProperty("datasets", out var datasets) || datasets.ValueKind != JsonValueKind.Array)
        {
            report.Add("datasets", file, path, $"must be a non-empty list, found {Show(multiscale, "datasets")}");
            return null;
        }

        if (datasets.GetArrayLength() == 0)
        {
            report.Add("datasets", file, path, "must be a non-empty list");
            return null;
        }

        var levels = new List<Level>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool complete = true;
        int i = 0;
        foreach (var dataset in datasets.EnumerateArray())
        {
            string dsPath = $"{path}[{i}]";
            i++;
            if (dataset.ValueKind != JsonValueKind.Object)
            {
                report.Add("datasets", file, dsPath, $"must be an object, found {dataset.ValueKind}");
                complete = false;
                continue;
            }

            double[]? scale = null;
            if (!dataset.TryGetProperty("coordinateTransformations", out var transforms))
            {
                report.Add("transforms", file, $"{dsPath}.coordinateTransformations", "missing: each dataset must have a scale transformation");
            }
            else if (axes is not null)
            {
                scale = CheckTransforms(report, file, $"{dsPath}.coordinateTransformations", transforms, axes.Count);
            }

            if (!dataset.TryGetProperty("path", out var pathJson) || pathJson.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(pathJson.GetString()))
            {
                report.Add("datasets.path", file, $"{dsPath}.path", $"must be a non-empty string, found {Show(dataset, "path")}");
                complete = false;
                continue;
            }

            string relative = pathJson.GetString()!;
            if (!seen.Add(relative))
            {
                report.Add("datasets.path", file, $"{dsPath}.path", $"\"{relative}\" is listed twice");
            }

            long[]? shape = CheckArray(report, Path.Combine(folder, relative), file, $"{dsPath}.path", relative, axes, v3);
            if (shape is null)
            {
                complete = false;
                continue;
            }

            levels.Add(new Level(relative, shape, scale));
        }

        return complete ? levels : null;
    }

    /// <returns>The array's shape, or null when the array is missing or unreadable.</returns>
    private static long[]? CheckArray(Report report, string arrayFolder, string file, string jsonPath, string relative, List<Axis>? axes, bool v3)
    {
        string metaFile = Path.Combine(arrayFolder, v3 ? ZarrJson : ZArray);
        if (!Directory.Exists(arrayFolder))
        {
            report.Add("datasets.path", file, jsonPath, $"\"{relative}\": no such folder {arrayFolder}");
            return null;
        }

        if (!File.Exists(metaFile))
        {
            report.Add("datasets.path", file, jsonPath,
                $"\"{relative}\" is not a Zarr {(v3 ? "v3" : "v2")} array: {metaFile} is missing");
            return null;
        }

        if (report.Load(metaFile) is not { ValueKind: JsonValueKind.Object } meta)
        {
            return null;
        }

        if (!IsNumber(meta, "zarr_format", v3 ? 3 : 2))
        {
            report.Add("array", metaFile, "$.zarr_format", $"must be {(v3 ? 3 : 2)}, found {Show(meta, "zarr_format")}");
        }

        if (v3 && !IsString(meta, "node_type", "array"))
        {
            report.Add("datasets.path", metaFile, "$.node_type", $"\"{relative}\" must be an array, found node_type {Show(meta, "node_type")}");
            return null;
        }

        if (!meta.TryGetProperty("shape", out var shapeJson) || shapeJson.ValueKind != JsonValueKind.Array
            || shapeJson.EnumerateArray().Any(d => d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long n) || n < 0))
        {
            report.Add("array", metaFile, "$.shape", $"must be a list of non-negative integers, found {Show(meta, "shape")}");
            return null;
        }

        long[] shape = [.. shapeJson.EnumerateArray().Select(d => d.GetInt64())];
        if (axes is not null && shape.Length != axes.Count)
        {
            report.Add("array.rank", metaFile, "$.shape", $"rank {shape.Length} must equal the number of axes ({axes.Count}) in {file}");
        }

        if (v3 && axes is not null && meta.TryGetProperty("dimension_names", out var dimNames) && dimNames.ValueKind != JsonValueKind.Null)
        {
            string expected = string.Join(", ", axes.Select(a => a.Name));
            string found = dimNames.ValueKind == JsonValueKind.Array
                ? string.Join(", ", dimNames.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText()))
                : dimNames.GetRawText();
            if (dimNames.ValueKind != JsonValueKind.Array || found != expected)
            {
                report.Add("array.dimension_names", metaFile, "$.dimension_names", $"must equal the axis names [{expected}], found [{found}]");
            }
        }

        return shape;
    }

    /// <returns>The scale vector when well formed, else null.</returns>
    private static double[]? CheckTransforms(Report report, string file, string path, JsonElement transforms, int axisCount)
    {
        if (transforms.ValueKind != JsonValueKind.Array)
        {
            report.Add("transforms", file, path, $"must be a list, found {transforms.ValueKind}");
            return null;
        }

        var items = transforms.EnumerateArray().ToList();
        int scales = items.Count(t => TypeOf(t) == "scale");
        int translations = items.Count(t => TypeOf(t) == "translation");
        double[]? scale = null;

        for (int i = 0; i < items.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            string? type = TypeOf(items[i]);
            if (type is not ("scale" or "translation"))
            {
                report.Add("transforms", file, $"{itemPath}.type", $"must be \"scale\" or \"translation\", found {(items[i].ValueKind == JsonValueKind.Object ? Show(items[i], "type") : items[i].ValueKind.ToString())}");
                continue;
            }

            var vector = Vector(report, file, itemPath, items[i], type, axisCount);
            if (type == "scale" && vector is not null)
            {
                for (int a = 0; a < vector.Length; a++)
                {
                    if (!(vector[a] > 0))
                    {
                        report.Add("transforms.value", file, $"{itemPath}.scale[{a}]", $"must be positive, found {vector[a].ToString(CultureInfo.InvariantCulture)}");
                        vector = null;
                        break;
                    }
                }

                scale ??= vector;
            }
        }

        if (scales != 1)
        {
            report.Add("transforms.scale", file, path, $"must hold exactly one \"scale\", found {scales}");
        }
        else if (TypeOf(items[0]) != "scale")
        {
            report.Add("transforms.scale", file, $"{path}[0]", $"the \"scale\" must come first, found {(items[0].ValueKind == JsonValueKind.Object ? Show(items[0], "type") : items[0].ValueKind.ToString())}");
        }

        if (translations > 1)
        {
            report.Add("transforms.translation", file, path, $"may hold at most one \"translation\", found {translations}");
        }

        return scales == 1 ? scale : null;
    }

    private static string? TypeOf(JsonElement transform) =>
        transform.ValueKind == JsonValueKind.Object && transform.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;

    private static double[]? Vector(Report report, string file, string itemPath, JsonElement transform, string type, int axisCount)
    {
        if (!transform.TryGetProperty(type, out var vector))
        {
            string detail = transform.TryGetProperty("path", out _)
                ? "given by \"path\" (binary data), which this checker does not read; write the vector inline"
                : "missing";
            report.Add($"transforms.{type}", file, $"{itemPath}.{type}", detail);
            return null;
        }

        if (vector.ValueKind != JsonValueKind.Array
            || vector.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble())))
        {
            report.Add("transforms.value", file, $"{itemPath}.{type}", $"must be a list of finite numbers, found {vector.GetRawText()}");
            return null;
        }

        if (vector.GetArrayLength() != axisCount)
        {
            report.Add("transforms.length", file, $"{itemPath}.{type}", $"length {vector.GetArrayLength()} must equal the number of axes ({axisCount})");
            return null;
        }

        return [.. vector.EnumerateArray().Select(v => v.GetDouble())];
    }

    private static void CheckLevels(Report report, string file, string msPath, List<Axis> axes, List<Level> levels)
    {
        var first = levels[0];
        if (first.Shape.Length != axes.Count)
        {
            return;
        }

        for (int k = 1; k < levels.Count; k++)
        {
            var level = levels[k];
            var previous = levels[k - 1];
            if (level.Shape.Length != axes.Count || previous.Shape.Length != axes.Count)
            {
                continue;
            }

            string path = $"{msPath}.datasets[{k}]";
            for (int a = 0; a < axes.Count; a++)
            {
                if (level.Shape[a] > previous.Shape[a])
                {
                    report.Add("levels.shape", file, path,
                        $"\"{level.Path}\" axis {axes[a].Name}: size {level.Shape[a]} is larger than {previous.Shape[a]} at the level before; levels must go from largest to smallest");
                }
            }

            if (first.Scale is null || level.Scale is null)
            {
                continue;
            }

            for (int a = 0; a < axes.Count; a++)
            {
                // shape_k = shape_0 * scale_0 / scale_k, rounded either way; a quotient within
                // floating-point noise of an integer counts as that integer.
                double exact = first.Shape[a] * first.Scale[a] / level.Scale[a];
                if (Math.Abs(exact - Math.Round(exact)) <= Math.Max(1e-9, Math.Abs(exact) * 1e-9))
                {
                    exact = Math.Round(exact);
                }

                if (level.Shape[a] != (long)Math.Floor(exact) && level.Shape[a] != (long)Math.Ceiling(exact))
                {
                    report.Add("levels.shape", file, $"{path}.coordinateTransformations",
                        $"\"{level.Path}\" axis {axes[a].Name}: size {level.Shape[a]} does not match scale {level.Scale[a].ToString(CultureInfo.InvariantCulture)} "
                        + $"(level 0: size {first.Shape[a]} at scale {first.Scale[a].ToString(CultureInfo.InvariantCulture)}, so expected floor or ceil of {exact.ToString(CultureInfo.InvariantCulture)})");
                }
            }
        }
    }

    private static void CheckOmero(Report report, string file, string basePath, JsonElement attrs, List<Axis>? axes, List<Level>? levels)
    {
        if (!attrs.TryGetProperty("omero", out var omero))
        {
            return;
        }

        string path = $"{basePath}.omero";
        if (omero.ValueKind != JsonValueKind.Object)
        {
            report.Add("omero", file, path, $"must be an object, found {omero.ValueKind}");
            return;
        }

        if (!omero.TryGetProperty("channels", out var channels) || channels.ValueKind != JsonValueKind.Array)
        {
            report.Add("omero.channels", file, $"{path}.channels", $"must be a list, found {Show(omero, "channels")}");
            return;
        }

        int c = axes?.FindIndex(a => a.Type == "channel") ?? -1;
        if (c >= 0 && levels is not null && levels[0].Shape.Length == axes!.Count && channels.GetArrayLength() != levels[0].Shape[c])
        {
            report.Add("omero.channels", file, $"{path}.channels",
                $"holds {channels.GetArrayLength()} channels but the channel axis \"{axes[c].Name}\" has size {levels[0].Shape[c]}");
        }

        int i = 0;
        foreach (var channel in channels.EnumerateArray())
        {
            string channelPath = $"{path}.channels[{i}]";
            i++;
            if (channel.ValueKind != JsonValueKind.Object)
            {
                report.Add("omero.channels", file, channelPath, $"must be an object, found {channel.ValueKind}");
                continue;
            }

            if (channel.TryGetProperty("color", out var color)
                && (color.ValueKind != JsonValueKind.String || !IsHexColor(color.GetString()!)))
            {
                report.Add("omero.color", file, $"{channelPath}.color", $"must be 6 hex digits (RRGGBB), found {color.GetRawText()}");
            }
        }
    }

    private static bool IsHexColor(string s) => s.Length == 6 && s.All(char.IsAsciiHexDigit);

    private static bool IsNumber(JsonElement obj, string name, int value) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n == value;

    private static bool IsString(JsonElement obj, string name, string value) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value;

    private static string Show(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? v.GetRawText() : "nothing";

    private sealed class Report
    {
        private readonly Dictionary<string, JsonElement?> _loaded = new(StringComparer.Ordinal);

        public List<string> Items { get; } = [];

        public void Add(string rule, string file, string jsonPath, string message) =>
            Items.Add($"[{rule}] {file}: {jsonPath}: {message}");

        /// <summary>Parses a JSON file once; a malformed file is reported under rule "json" and yields null.</summary>
        public JsonElement? Load(string file)
        {
            if (_loaded.TryGetValue(file, out var cached))
            {
                return cached;
            }

            JsonElement? result = null;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                result = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                Add("json", file, "$", $"not valid JSON: {e.Message}");
            }
            catch (IOException e)
            {
                Add("json", file, "$", $"cannot be read: {e.Message}");
            }

            _loaded[file] = result;
            return result;
        }
    }
}

/// <summary>Thrown by <see cref="NgffRules"/>: an OME-Zarr breaks one or more rules of the spec.</summary>
public sealed class NgffViolationException : Exception
{
    /// <summary>Creates the exception from the violations, one line each.</summary>
    public NgffViolationException(IReadOnlyList<string> violations)
        : base($"OME-NGFF rules broken ({violations.Count}):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", violations))
    {
        Violations = violations;
    }

    /// <summary>One line per violation: <c>[rule] file: $.json.path: message</c>.</summary>
    public IReadOnlyList<string> Violations { get; }
}
