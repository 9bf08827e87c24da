using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Ngff;

public sealed partial record NgffImage
{
    /// <summary>
    /// Checks the rules that need the arrays, for the first multiscale: every dataset path names an array; each
    /// array's rank equals the number of axes; shapes do not grow from one level to the next; and each level's shape
    /// matches its scale: along every axis, <c>shape_0 * scale_0 / scale_k</c> rounded down or up is <c>shape_k</c>.
    /// When there is a channel axis and <c>omero.channels</c>, their counts must agree.
    /// </summary>
    /// <param name="levelShapes">The shape of the array of each dataset of the first multiscale, in order; null where the path names no array.</param>
    /// <param name="source">The image group's metadata file, named in errors.</param>
    /// <exception cref="ArgumentException"><paramref name="levelShapes"/> has a different count than the datasets.</exception>
    /// <exception cref="ZarrFormatException">A rule is broken; the message names <paramref name="source"/> and the field.</exception>
    public void ValidateLevels(IReadOnlyList<long[]?> levelShapes, string source)
    {
        ArgumentNullException.ThrowIfNull(levelShapes);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var m = Multiscales[0];
        string field = $"{MultiscalesField}[0]";
        if (levelShapes.Count != m.Datasets.Count)
        {
            throw new ArgumentException($"Expected {m.Datasets.Count} level shapes, one per dataset of {field}; got {levelShapes.Count}.", nameof(levelShapes));
        }

        for (int k = 0; k < levelShapes.Count; k++)
        {
            string path = m.Datasets[k].Path;
            long[] shape = levelShapes[k]
                ?? throw Fail(source, $"{field}.datasets[{k}].path", $"array '{path}' does not exist; each dataset path must name an array inside the image group");
            if (shape.Length != m.Axes.Count)
            {
                throw Fail(source, $"{field}.axes", $"axes has {m.Axes.Count} entries ({Names(m)}) but array '{path}' (datasets[{k}]) has {shape.Length} dimensions {List(shape)}; there must be one axis per array dimension");
            }
        }

        long[] shape0 = levelShapes[0]!;
        double[] scale0 = m.Datasets[0].Scale;
        for (int k = 1; k < levelShapes.Count; k++)
        {
            long[] shape = levelShapes[k]!;
            long[] previous = levelShapes[k - 1]!;
            var dataset = m.Datasets[k];
            for (int d = 0; d < shape.Length; d++)
            {
                string axis = m.Axes[d].Name;
                if (shape[d] > previous[d])
                {
                    throw Fail(source, $"{field}.datasets[{k}]", $"array '{dataset.Path}' {List(shape)} is larger than the previous level '{m.Datasets[k - 1].Path}' {List(previous)} along axis '{axis}'; datasets go from the highest resolution to the lowest");
                }

                double exact = shape0[d] * scale0[d] / dataset.Scale[d];
                if (!Matches(shape[d], exact))
                {
                    double factor = dataset.Scale[d] / scale0[d];
                    throw Fail(
                        source,
                        $"{field}.datasets[{k}].coordinateTransformations[0].scale",
                        $"along axis '{axis}' the scale {Format(dataset.Scale[d])} is {Format(factor)} times level 0's {Format(scale0[d])}, so array '{dataset.Path}' " +
                        $"should have {Expected(exact)} elements there ({shape0[d]} / {Format(factor)}, rounded down or up); it has {shape[d]} {List(shape)}");
                }
            }
        }

        int c = m.Axes.ToList().FindIndex(a => a.Type == NgffAxisType.Channel);
        if (c >= 0 && Omero?["channels"] is JsonArray channels && channels.Count != shape0[c])
        {
            string omero = Version == NgffVersion.V0_5 ? "ome.omero" : "omero";
            throw Fail(source, $"{omero}.channels", $"lists {channels.Count} channels but axis '{m.Axes[c].Name}' of array '{m.Datasets[0].Path}' has {shape0[c]}; give one entry per channel");
        }
    }

    /// <summary>Whether <paramref name="actual"/> is <paramref name="exact"/> rounded down or up (only its nearest integer when it is one, up to rounding error).</summary>
    private static bool Matches(long actual, double exact)
    {
        double nearest = Math.Round(exact);
        return Math.Abs(exact - nearest) <= 1e-9 * Math.Max(1, Math.Abs(exact))
            ? actual == (long)nearest
            : actual == (long)Math.Floor(exact) || actual == (long)Math.Ceiling(exact);
    }

    private static string Expected(double exact)
    {
        double nearest = Math.Round(exact);
        return Math.Abs(exact - nearest) <= 1e-9 * Math.Max(1, Math.Abs(exact))
            ? ((long)nearest).ToString(CultureInfo.InvariantCulture)
            : $"{(long)Math.Floor(exact)} or {(long)Math.Ceiling(exact)}";
    }

    private static ZarrFormatException Fail(string source, string field, string message) => new($"'{source}': {field}: {message}.");

    private static string Names(NgffMultiscale m) => string.Join(", ", m.Axes.Select(a => a.Name));

    private static string List(long[] values) => "[" + string.Join(", ", values) + "]";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
