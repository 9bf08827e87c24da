using System.Text.Json.Nodes;
using Tessera.Arrays;
using Tessera.Tiff.Metadata;

namespace Tessera.Cli.Images;

/// <summary>
/// A TIFF INPUT: one file (a plain stack, an ImageJ hyperstack or an OME-TIFF, including a multi-file set) or a
/// pattern of z-stack files naming <c>{c}</c> and/or <c>{t}</c>. Either is read lazily as a 5-D (c, t, z, y, x)
/// array, one (z, y, x) volume per block; nothing is squeezed, so sizes of 1 stand for axes the file lacks.
/// </summary>
/// <param name="Array">The lazy (c, t, z, y, x) array.</param>
/// <param name="Metadata">The file's (a series' first file's) kind, voxel size, channel names and the files read.</param>
/// <param name="Location">The path or pattern as given, for messages.</param>
internal sealed record TiffInput(LazyArray Array, TiffArrayMetadata Metadata, string Location)
{
    /// <summary>Whether the file gives a voxel size along z, y and x: ImageJ and OME metadata with a unit do, a plain stack never does (it has no z spacing).</summary>
    public bool HasVoxelSize => Metadata.Kind != TiffMetadataKind.Plain && Metadata.VoxelSize.Unit is not null;

    /// <summary>Whether <paramref name="path"/> names TIFF input: a pattern with <c>{c}</c> or <c>{t}</c>, or a file ending in <c>.tif</c> or <c>.tiff</c>.</summary>
    public static bool IsTiff(string path) => IsPattern(path) || IsTiffName(path);

    /// <summary>Whether <paramref name="path"/> ends in <c>.tif</c> or <c>.tiff</c> (any case).</summary>
    public static bool IsTiffName(string path) =>
        path.EndsWith(".tif", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tiff", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> is a series pattern: it names <c>{c}</c> or <c>{t}</c> (possibly padded, <c>{t:03}</c>).</summary>
    public static bool IsPattern(string path) =>
        path.Contains("{c", StringComparison.Ordinal) || path.Contains("{t", StringComparison.Ordinal);

    /// <summary>Opens the TIFF file or series <paramref name="path"/>.</summary>
    /// <param name="path">A TIFF file, or a pattern such as <c>raw/ch{c}_t{t:03}.tif</c>.</param>
    /// <param name="role">How the input is named in messages, e.g. <c>INPUT</c> or <c>PSF</c>.</param>
    /// <exception cref="UsageException">The pattern is malformed.</exception>
    /// <exception cref="IOException">The file or the pattern's folder does not exist.</exception>
    /// <exception cref="TesseraException">A file is not a TIFF stack Tessera reads, or a series file is missing or differs; the message names it.</exception>
    public static TiffInput Open(string path, string role)
    {
        TiffArrayMetadata metadata;
        LazyArray array;
        if (IsPattern(path))
        {
            try
            {
                array = LazyArray.OpenTiffSeries(path, out metadata);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"{role} pattern '{path}': {ex.Message}");
            }
        }
        else
        {
            array = LazyArray.OpenTiff(path, out metadata);
        }

        return new TiffInput(array, metadata, path);
    }

    /// <summary>The <c>omero</c> object naming the channels, or null when the file names none.</summary>
    public JsonObject? Omero() => Metadata.ChannelNames.All(n => n is null)
        ? null
        : new JsonObject
        {
            ["channels"] = new JsonArray([.. Metadata.ChannelNames.Select((n, i) => (JsonNode)new JsonObject { ["label"] = n ?? $"channel {i}" })]),
        };
}
