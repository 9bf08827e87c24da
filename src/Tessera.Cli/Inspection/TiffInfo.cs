using Tessera.Tiff;
using Tessera.Tiff.Metadata;

namespace Tessera.Cli.Inspection;

/// <summary>What <c>tessera info</c> reports about a TIFF file: its storage (from the directories) and its image (from the ImageJ or OME metadata).</summary>
/// <param name="Path">The file.</param>
/// <param name="FileBytes">The file's size.</param>
/// <param name="BigTiff">Whether the file is BigTIFF (64-bit offsets) rather than classic TIFF.</param>
/// <param name="Pages">The pages (directories) of the file.</param>
/// <param name="Compressions">The compression names of the pages, each once, page 0's first.</param>
/// <param name="Metadata">The image: kind, sizes (c, t, z, y, x), voxel size, channel names and the files of a multi-file set.</param>
internal sealed record TiffInfo(string Path, long FileBytes, bool BigTiff, IReadOnlyList<TiffPageInfo> Pages, IReadOnlyList<string> Compressions, TiffMetadata Metadata)
{
    /// <summary>Page 0, whose layout the table shows.</summary>
    public TiffPageInfo First => Pages[0];

    /// <summary>The metadata kind as people write it: plain, ImageJ or OME.</summary>
    public string KindName => Metadata.Kind switch
    {
        TiffMetadataKind.ImageJ => "ImageJ",
        TiffMetadataKind.Ome => "OME",
        _ => "plain",
    };

    /// <summary>Whether the file gives a voxel size (with a unit).</summary>
    public bool HasVoxelSize => Metadata.VoxelSize.Unit is not null;

    /// <summary>Opens <paramref name="path"/>'s directories and metadata (not its pixels) and describes it.</summary>
    /// <exception cref="IOException">The file does not exist or cannot be read.</exception>
    /// <exception cref="TiffFormatException">It is not a TIFF file Tessera reads, or its metadata contradicts its pages.</exception>
    public static TiffInfo Inspect(string path)
    {
        using var file = TiffFile.Open(path);
        var metadata = file.Metadata;
        string[] compressions = [.. file.PageInfos.Select(p => p.CompressionName).Distinct(StringComparer.Ordinal)];
        return new TiffInfo(file.Path, new FileInfo(path).Length, file.IsBigTiff, file.PageInfos, compressions, metadata);
    }
}
