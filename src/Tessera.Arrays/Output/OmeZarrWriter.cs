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
        var write = options.Write with { Format = format };
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
            var levelWrite = write with { InnerChunks = FitInner(write.InnerChunks, level.Chunks.ChunkShape) };
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
            if (OutputLayout.Probe(folder) != ZarrMemberKind.Group)
            {
                throw new OutputExistsException($"'{folder}' exists and is not a Zarr group; it is never replaced. Choose another output folder.");
            }

            if (mode == WriteMode.Overwrite)
            {
                Directory.Delete(folder, recursive: true);
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
