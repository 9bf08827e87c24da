using Tessera.Arrays.Graph;
using Tessera.Arrays.Output;
using Tessera.Tiff;

namespace Tessera.Arrays;

/// <content>TIFF sources (one file, a multi-file OME-TIFF set, or a pattern series of z-stacks) and TIFF output.</content>
public abstract partial class LazyArray
{
    /// <summary>
    /// Opens a TIFF file lazily as a 5-D (c, t, z, y, x) array of the file's element type, chunked one volume per
    /// block (1, 1, Z, Y, X). Plain multi-page files are z-stacks; ImageJ hyperstacks and OME-TIFF (including
    /// multi-file sets, whose members must sit in the same folder) give c and t. Only the directories are read now;
    /// computing a region decodes only the pages it covers.
    /// </summary>
    /// <param name="path">The TIFF file (for a multi-file OME-TIFF set, any member holding the OME-XML).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TiffFormatException">The file is not a TIFF stack Tessera can read, or its metadata contradicts its pages.</exception>
    public static LazyArray OpenTiff(string path) => OpenTiff(path, out _);

    /// <summary>Opens a TIFF file as <see cref="OpenTiff(string)"/> does, and returns its axes, voxel size and channel names.</summary>
    /// <param name="path">The TIFF file.</param>
    /// <param name="metadata">The file's metadata, for carrying into OME-Zarr.</param>
    /// <inheritdoc cref="OpenTiff(string)" path="/exception"/>
    public static LazyArray OpenTiff(string path, out TiffArrayMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        var stack = TiffStack.Open(full);
        string folder = Path.GetDirectoryName(full)!;
        metadata = new TiffArrayMetadata
        {
            Kind = stack.Metadata.Kind,
            VoxelSize = stack.Metadata.VoxelSize,
            ChannelNames = stack.Metadata.ChannelNames,
            Files = [full, .. stack.Files.Keys.Select(name => Path.Combine(folder, name)).Where(f => f != full).Order(StringComparer.Ordinal)],
            FileMetadata = stack.Metadata,
        };
        return new TiffSource(full, stack);
    }

    /// <summary>
    /// Opens a series of z-stacks, one TIFF file per channel and/or time point, as one (C, T, Z, Y, X) array chunked
    /// one file per block. The pattern names the files with <c>{c}</c> and <c>{t}</c> (at least one, each at most
    /// once), optionally zero-padded as <c>{t:03}</c>, in the file name only: <c>raw/ch{c}_t{t:03}.tif</c>,
    /// <c>raw/t{t}.tif</c>. The indices found along each axis must form a full range (the lowest becomes index 0) and
    /// every (c, t) file must exist. Each file must be one z-stack (plain, or ImageJ/OME with one channel and one time
    /// point) of the same shape and type. Every file's directories are read now to check this; pixels are read when
    /// computing, one file per block.
    /// </summary>
    /// <param name="pattern">The file-name pattern, with its folder.</param>
    /// <exception cref="ArgumentException">The pattern has no placeholder, an unknown or repeated one, or one in its folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The pattern's folder does not exist.</exception>
    /// <exception cref="TiffFormatException">
    /// No file matches; a file of the range is missing (the message names it and the ranges matched); or a file is not a
    /// z-stack of the first file's shape and type (the message names it, what it holds and what was expected).
    /// </exception>
    public static LazyArray OpenTiffSeries(string pattern) => OpenTiffSeries(pattern, out _);

    /// <summary>Opens a series as <see cref="OpenTiffSeries(string)"/> does, and returns the first file's voxel size.</summary>
    /// <param name="pattern">The file-name pattern, with its folder.</param>
    /// <param name="metadata">The series' metadata: the first file's kind and voxel size, unnamed channels, and the files.</param>
    /// <inheritdoc cref="OpenTiffSeries(string)" path="/exception"/>
    public static LazyArray OpenTiffSeries(string pattern, out TiffArrayMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var source = TiffSeriesSource.Open(pattern);
        metadata = new TiffArrayMetadata
        {
            Kind = source.FirstMetadata.Kind,
            VoxelSize = source.FirstMetadata.VoxelSize,
            ChannelNames = new string?[source.Shape[0]],
            Files = source.Files,
            FileMetadata = source.FirstMetadata,
        };
        return source;
    }

    /// <summary>
    /// Computes the array into a multi-page TIFF (OME-TIFF unless told otherwise) at <paramref name="path"/>, streaming:
    /// blocks are computed by the local scheduler within its memory budget and written as soon as the pages before
    /// them are, in page order (c, t, z) for a (c, t, z, y, x) array or z for a (z, y, x) array. The file appears only
    /// when complete (it is written under a temporary name and renamed); on failure or cancellation it is not created
    /// and an existing file is left as it was.
    /// </summary>
    /// <param name="path">The output file; its folder must exist.</param>
    /// <param name="options">Metadata, compression, budget and progress; null writes OME-TIFF without physical sizes.</param>
    /// <param name="cancellationToken">Stops the job; the output is not created.</param>
    /// <exception cref="ArgumentException">The array is not 3-D or 5-D, its type cannot be stored in TIFF, or an option is invalid.</exception>
    /// <exception cref="Scheduling.MemoryBudgetException">The budget cannot hold one block.</exception>
    /// <exception cref="Scheduling.BlockFailedException">A block failed on every attempt.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public Task WriteTiffAsync(string path, TiffWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        TiffOutput.WriteAsync(this, path, options ?? new TiffWriteOptions(), cancellationToken);
}
