using Tessera.Tiff.Metadata;

namespace Tessera.Arrays;

/// <summary>
/// What a TIFF source says about its image, for carrying into other formats (OME-Zarr's axes and scales). The array
/// itself is always 5-D with axes (c, t, z, y, x); sizes of 1 stand for axes the file does not have.
/// </summary>
public sealed record TiffArrayMetadata
{
    /// <summary>The array's axis names, outer to inner: <c>c t z y x</c>.</summary>
    public static IReadOnlyList<string> Axes { get; } = ["c", "t", "z", "y", "x"];

    /// <summary>Where the metadata came from: a plain stack, an ImageJ hyperstack or OME-XML (of the first file, for a series).</summary>
    public required TiffMetadataKind Kind { get; init; }

    /// <summary>The voxel size (z, y, x) of the file (the first file, for a series); 1 with a null unit when it gives none.</summary>
    public required TiffVoxelSize VoxelSize { get; init; }

    /// <summary>One name per channel (the array's size along c), null where the file names none.</summary>
    public required IReadOnlyList<string?> ChannelNames { get; init; }

    /// <summary>The files read, as full paths: one, the members of a multi-file OME-TIFF set, or a series in (c, t) order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The parsed metadata of the file opened (the first file, c 0 and t 0, for a series).</summary>
    public required TiffMetadata FileMetadata { get; init; }
}
