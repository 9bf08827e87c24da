using Tessera.Arrays;
using Tessera.Arrays.Output;
using Tessera.Cli.Images;
using Tessera.Cli.Output;
using Tessera.DataTypes;
using Tessera.Ngff;
using Tessera.Shapes;

namespace Tessera.Cli.Conversion;

/// <summary><c>tessera convert --format ome-zarr</c>: writes INPUT as an OME-Zarr multiscale image.</summary>
internal static class OmeZarrConversion
{
    /// <summary>The codec, chunk and shard choices of the command line.</summary>
    /// <param name="Codec">The <c>--codec</c> name.</param>
    /// <param name="Level">The <c>--level</c>, or null.</param>
    /// <param name="Shuffle">The <c>--shuffle</c>, or null.</param>
    /// <param name="Chunks">The <c>--chunks</c> in NGFF order, or null for viewer-friendly chunks.</param>
    public sealed record Choices(string Codec, int? Level, string? Shuffle, int[]? Chunks);

    /// <summary>
    /// Writes the image into <paramref name="folder"/> (an empty staging folder) and returns the result; level 0 is
    /// INPUT reordered to NGFF order and rechunked, each further level the mean of the one before.
    /// </summary>
    /// <returns>The write's result and level 0's shape.</returns>
    /// <exception cref="UsageException">An option does not fit INPUT (axes, voxel size, chunks, shards, codec).</exception>
    public static Task<(OmeZarrResult Result, long[] Shape)> RunAsync(CliConsole console, InputImage input, ImageRequest request, Choices choices, string folder, CancellationToken cancellationToken) =>
        RunAsync(console, LazyArray.FromZarr(input.Array), input.Array.Location, ImageLayout.Resolve(input, request), request, choices, folder, cancellationToken);

    /// <summary>Writes the TIFF <paramref name="input"/> as <see cref="RunAsync(CliConsole, InputImage, ImageRequest, Choices, string, CancellationToken)"/> does a Zarr one.</summary>
    /// <inheritdoc cref="RunAsync(CliConsole, InputImage, ImageRequest, Choices, string, CancellationToken)"/>
    public static Task<(OmeZarrResult Result, long[] Shape)> RunAsync(CliConsole console, TiffInput input, ImageRequest request, Choices choices, string folder, CancellationToken cancellationToken) =>
        RunAsync(console, input.Array, input.Location, ImageLayout.Resolve(input, request), request, choices, folder, cancellationToken);

    private static async Task<(OmeZarrResult Result, long[] Shape)> RunAsync(CliConsole console, LazyArray source, string location, ImageLayout layout, ImageRequest request, Choices choices, string folder, CancellationToken cancellationToken)
    {
        var image = source.Transpose(layout.Permutation);
        int[] chunks = choices.Chunks ?? layout.DefaultChunks(image.Shape);
        ChunkShapeParser.CheckFits(chunks, image.Shape, image.DataType.ItemSize, location);
        int[] blocks = chunks;
        if (request.Shards is { } shards)
        {
            ChunkShapeParser.CheckFits(shards, image.Shape, image.DataType.ItemSize, location, "--shards");
            ChunkShapeParser.CheckShards(shards, chunks);
            blocks = shards;
        }

        int[] clipped = [.. blocks.Select((b, d) => (int)Math.Max(1, Math.Min(b, image.Shape[d])))];
        int[]? stored = null;
        if (!clipped.AsSpan().SequenceEqual(image.Chunks.ChunkShape))
        {
            if (request.Shards is null && Tiles(clipped, image))
            {
                // The input's blocks (a volume read at once) are stored as several whole chunks: no regrouping pass,
                // and each input page is decoded once.
                stored = clipped;
            }
            else
            {
                // Coarsening by 1 everywhere only regroups elements into the new chunks.
                image = image.Coarsen([.. Enumerable.Repeat(1, image.Rank)], clipped);
            }
        }

        var result = await WriteAsync(console, image, layout, request, choices, chunks, stored, folder, cancellationToken).ConfigureAwait(false);
        return (result, image.Shape.ToArray());
    }

    /// <summary>Whether chunks of <paramref name="chunks"/> tile every block of <paramref name="image"/> whole.</summary>
    private static bool Tiles(int[] chunks, LazyArray image)
    {
        for (int d = 0; d < chunks.Length; d++)
        {
            int block = image.Chunks.ChunkShape[d];
            if (block < image.Shape[d] && block % chunks[d] != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Writes <paramref name="image"/> (NGFF order, chunked as level 0's blocks) with <paramref name="layout"/>; level 0
    /// is stored in chunks of <paramref name="stored"/> when given (whole chunks inside each block).
    /// </summary>
    private static async Task<OmeZarrResult> WriteAsync(
        CliConsole console, LazyArray image, ImageLayout layout, ImageRequest request, Choices choices, int[] chunks, int[]? stored, string folder, CancellationToken cancellationToken)
    {
        bool v3 = layout.Version == NgffVersion.V0_5;
        string what = "--format ome-zarr --ngff 0.5";
        var write = new ZarrWriteOptions
        {
            Compressor = v3 ? null : CodecChoice.Create(choices.Codec, choices.Level, choices.Shuffle, image.DataType),
            Codecs = v3 ? CodecChoice.CreateV3(choices.Codec, choices.Level, choices.Shuffle, image.DataType, what) : null,
            InnerChunks = request.Shards is null ? null : chunks,
            Chunks = stored,
            DimensionNames = v3 ? [.. layout.Axes.Select(a => a.Name)] : null,
        };
        if (!v3 && choices.Codec == "none")
        {
            // ZarrWriteOptions takes a null compressor for its default; an explicit "none" needs another way.
            throw new UsageException("--codec none is not available for OME-Zarr 0.4 output; choose a compressor, or --ngff 0.5.");
        }

        int levels = request.Levels ?? layout.DefaultLevels(image.Shape);
        if (image.DataType.Kind == DataTypeKind.Bool && levels > 1)
        {
            throw new UsageException("INPUT holds bool values, which cannot be averaged into coarser levels; pass --levels 1.");
        }

        return await BlockProgressView.RunAsync(console, "convert", progress => OmeZarrWriter.WriteAsync(image, folder, new OmeZarrOptions
        {
            Version = layout.Version,
            Axes = layout.Axes,
            Scale = layout.Scale,
            Translation = layout.Translation,
            Levels = levels,
            Write = write with { Progress = progress },
            Name = layout.Name,
            Omero = layout.Omero,
        }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>One line on what was written.</summary>
    public static string Summary(OmeZarrResult result, long[] shape, TimeSpan elapsed, string path)
    {
        string axes = string.Join(",", result.Image.Multiscales[0].Axes.Select(a => a.Name));
        string shapes = $"level 0 {ShapeMath.Format<long>(shape)}";
        return $"wrote OME-Zarr {result.Image.Version.ToText()} image '{path}' in {Formats.Number(elapsed.TotalSeconds, 2)} s: " +
            $"{result.Levels.Count} level(s), axes {axes}, {shapes}, {result.Levels.Sum(l => l.ChunksWritten)} chunks written";
    }
}
