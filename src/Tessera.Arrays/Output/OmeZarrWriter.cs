using System.Text.Json.Nodes;
using Tessera.Ngff;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Arrays.Output;

/// <summary>
/// Writes a lazy array as an OME-Zarr image: level 0 is the array, each further level the mean over blocks of
/// the level before it, read back from disk (so level 0's computation runs once). Each level is a resumable
/// job (see <see cref="LazyArray.WriteZarrAsync"/>); the group's <c>multiscales</c> metadata is written last,
/// after every level is complete, so no viewer ever opens a half-written pyramid as an image.
/// </summary>
public static class OmeZarrWriter
{
    /// <summary>
    /// Space axes are halved at each level, except an axis whose voxels are already coarser than 1.5 times
    /// the finest space axis (so a z step of 2 µm over 0.5 µm pixels stays until x and y catch up) and
    /// axes of one element.
    /// </summary>
    private const double AnisotropyLimit = 1.5;

    /// <summary>Writes <paramref name="image"/> (dimensions in the order of <see cref="OmeZarrOptions.Axes"/>) as an OME-Zarr image group in <paramref name="folder"/>.</summary>
    /// <exception cref="ArgumentException">The axes or scale do not match the array, or the levels are fewer than 1.</exception>
    /// <exception cref="OutputExistsException">The folder exists and is not an OME-Zarr image this writer may continue or replace.</exception>
    public static async Task<OmeZarrResult> WriteAsync(LazyArray image, string folder, OmeZarrOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(options);
        Check(image, options);
        folder = Path.GetFullPath(folder);
        var format = options.Version == NgffVersion.V0_5 ? ZarrFormat.V3 : ZarrFormat.V2;
        var write = options.Write with { Format = format, DimensionNames = format == ZarrFormat.V3 ? [.. options.Axes.Select(a => a.Name)] : null };
        await PrepareGroupAsync(folder, format, write.Mode, cancellationToken).ConfigureAwait(false);

        var results = new List<ZarrWriteResult>();
        var factors = new List<int[]>();
        var shapes = new List<long[]?>();
        double[] scale = (double[])options.Scale.Clone();
        LazyArray level = image;
        for (int k = 0; k < options.Levels; k++)
        {
            if (k > 0)
            {
                int[] step = NextFactors(level.Shape, scale, options.Axes);
                factors.Add(step);
                for (int d = 0; d < scale.Length; d++)
                {
                    scale[d] *= step[d];
                }

                var previous = await LazyArray.OpenZarrAsync(Path.Combine(folder, (k - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
                level = previous.Coarsen(step);
            }

            options.OnLevel?.Invoke(k, options.Levels);
            string path = Path.Combine(folder, k.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Write.Chunks are level 0's stored chunks; coarser levels store one chunk per block.
            var stored = k == 0 && write.Chunks is { } chunks ? chunks : level.Chunks.ChunkShape.ToArray();
            var levelWrite = write with { Chunks = k == 0 ? write.Chunks : null, InnerChunks = FitInner(write.InnerChunks, stored) };
            results.Add(await level.WriteZarrAsync(path, levelWrite, cancellationToken).ConfigureAwait(false));
            shapes.Add(level.Shape.ToArray());
        }

        var multiscale = NgffMultiscale.Pyramid(options.Axes, options.Scale, options.Translation, factors, options.Name, options.Levels > 1 ? "mean" : null);
        var ngff = new NgffImage { Version = options.Version, Multiscales = [multiscale], Omero = options.Omero };
        var group = await ZarrGroup.OpenAsync(new FileSystemStore(folder), "", cancellationToken).ConfigureAwait(false);
        ngff.ValidateLevels(shapes, group.Location);
        var attributes = await group.ReadAttributesAsync(cancellationToken).ConfigureAwait(false);
        await group.WriteAttributesAsync(ngff.ToAttributes(attributes), CancellationToken.None).ConfigureAwait(false);
        return new OmeZarrResult(folder, results, ngff);
    }

    /// <summary>The factors from a level of <paramref name="shape"/> and voxel size <paramref name="scale"/> to the next.</summary>
    internal static int[] NextFactors(ReadOnlySpan<long> shape, double[] scale, IReadOnlyList<NgffAxis> axes)
    {
        double finest = double.PositiveInfinity;
        for (int d = 0; d < axes.Count; d++)
        {
            if (axes[d].Type == NgffAxisType.Space && shape[d] > 1)
            {
                finest = Math.Min(finest, scale[d]);
            }
        }

        var factors = new int[axes.Count];
        for (int d = 0; d < factors.Length; d++)
        {
            bool halve = axes[d].Type == NgffAxisType.Space && shape[d] > 1 && scale[d] <= finest * AnisotropyLimit;
            factors[d] = halve ? 2 : 1;
        }

        return factors;
    }

    private static void Check(LazyArray image, OmeZarrOptions options)
    {
        if (options.Axes.Count != image.Rank)
        {
            throw new ArgumentException(
                $"The NGFF axes ({string.Join(", ", options.Axes.Select(a => a.Name))}) are {options.Axes.Count} but the array has {image.Rank} dimensions; give one axis per dimension.", nameof(options));
        }

        if (options.Scale.Length != image.Rank || (options.Translation is { } t && t.Length != image.Rank))
        {
            throw new ArgumentException($"The scale and translation need one value per axis ({image.Rank}).", nameof(options));
        }

        if (options.Write.DimensionNames is { } names && (options.Version != NgffVersion.V0_5 || !names.SequenceEqual(options.Axes.Select(a => a.Name))))
        {
            throw new ArgumentException(
                $"Write.DimensionNames ({string.Join(", ", names)}) must be absent, or equal the axis names ({string.Join(", ", options.Axes.Select(a => a.Name))}) for NGFF 0.5: the levels' dimension_names are the axes.", nameof(options));
        }

        if (options.Levels < 1)
        {
            throw new ArgumentException($"An OME-Zarr image has at least 1 level; {options.Levels} asked.", nameof(options));
        }

        // Fails early, before any level is computed, if the axes break the spec's rules.
        _ = NgffMultiscale.Pyramid(options.Axes, options.Scale, options.Translation, []);
    }

    /// <summary>Makes the image group, or checks that an existing folder is one this write may continue or replace.</summary>
    private static async Task PrepareGroupAsync(string folder, ZarrFormat format, WriteMode mode, CancellationToken cancellationToken)
    {
        if (File.Exists(folder))
        {
            throw new OutputExistsException($"'{folder}' is a file. Choose a folder for the OME-Zarr image.");
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            // Only a group of levels "0", "1", ... is an image this writer made; anything else is never replaced.
            bool group = OutputLayout.Probe(folder) == ZarrMemberKind.Group;
            string? foreign = Directory.EnumerateFileSystemEntries(folder).FirstOrDefault(e => !IsImageEntry(e));
            if (!group || foreign is not null)
            {
                string what = group ? $"a Zarr group holding '{Path.GetFileName(foreign)}', not only image levels" : "not a Zarr group";
                throw new OutputExistsException($"'{folder}' exists and is {what}; it is never replaced. Choose another output folder.");
            }

            var existing = await ZarrGroup.OpenAsync(new FileSystemStore(folder), "", cancellationToken).ConfigureAwait(false);
            if (mode == WriteMode.Overwrite)
            {
                Directory.Delete(folder, recursive: true);
            }
            else if (existing.Format != format)
            {
                throw new OutputExistsException(
                    $"'{folder}' holds an image in Zarr v{(int)existing.Format}, but this write makes NGFF {(format == ZarrFormat.V3 ? "0.5 (Zarr v3)" : "0.4 (Zarr v2)")}. Pass --overwrite to replace it, or choose another output folder.");
            }
            else if (mode == WriteMode.CreateNew && !Directory.Exists(Path.Combine(folder, "0")))
            {
                throw new OutputExistsException($"'{folder}' exists already and holds no image level '0'. Pass --overwrite to replace it, or choose another output folder.");
            }
            else
            {
                // CreateNew continues only the same finished job (each level then has nothing to do); Resume
                // finishes an interrupted one. A level array that another job wrote refuses, naming the level.
                return;
            }
        }

        Directory.CreateDirectory(folder);
        await ZarrGroup.CreateAsync(new FileSystemStore(folder), "", format, new JsonObject(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a file or folder belongs to an image group this writer makes: its metadata, and levels named by number.</summary>
    private static bool IsImageEntry(string path)
    {
        string name = Path.GetFileName(path);
        return Directory.Exists(path)
            ? name.Length > 0 && name.All(char.IsAsciiDigit)
            : name is ZarrNode.GroupKey or ZarrNode.AttributesKey or Zarr.V3.ZarrV3Node.MetadataKey || name.EndsWith(FileSystemStore.PartialSuffix, StringComparison.Ordinal);
    }

    /// <summary>Inner chunks for a level's chunk shape: each axis's inner size if it divides the chunk, else the chunk's size.</summary>
    private static int[]? FitInner(int[]? inner, ReadOnlySpan<int> chunks)
    {
        if (inner is null)
        {
            return null;
        }

        var fitted = new int[chunks.Length];
        for (int d = 0; d < fitted.Length; d++)
        {
            fitted[d] = inner[d] <= chunks[d] && chunks[d] % inner[d] == 0 ? inner[d] : chunks[d];
        }

        return fitted;
    }
}
