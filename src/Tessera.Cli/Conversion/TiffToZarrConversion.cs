using Tessera.Arrays;
using Tessera.Arrays.Output;
using Tessera.Cli.Images;
using Tessera.Cli.Output;
using Tessera.Shapes;
using Tessera.Zarr;

namespace Tessera.Cli.Conversion;

/// <summary><c>tessera convert TIFF OUTPUT --format zarr2|zarr3</c>: writes a TIFF file or series as a (c, t, z, y, x) Zarr array.</summary>
internal static class TiffToZarrConversion
{
    /// <summary>
    /// Writes <paramref name="input"/> into <paramref name="folder"/> (an empty staging folder), chunked by
    /// <c>--chunks</c> or one (z, y, x) volume per chunk; Zarr v3 output names its dimensions c, t, z, y, x.
    /// </summary>
    /// <exception cref="UsageException">The chunks, shards or codec do not fit the input or format.</exception>
    public static async Task<ZarrWriteResult> RunAsync(CliConsole console, TiffInput input, OutputFormat format, ImageRequest request, OmeZarrConversion.Choices choices, string folder, CancellationToken cancellationToken)
    {
        var image = input.Array;
        bool v3 = format == OutputFormat.Zarr3;
        if (!v3 && choices.Codec == "none")
        {
            // ZarrWriteOptions takes a null compressor for its default; an explicit "none" needs another way.
            throw new UsageException("--codec none is not available for Zarr v2 output from TIFF; choose a compressor, or --format zarr3.");
        }

        int[] chunks = choices.Chunks ?? image.Chunks.ChunkShape.ToArray();
        ChunkShapeParser.CheckFits(chunks, image.Shape, image.DataType.ItemSize, input.Location);
        int[] blocks = chunks;
        if (request.Shards is { } shards)
        {
            ChunkShapeParser.CheckFits(shards, image.Shape, image.DataType.ItemSize, input.Location, "--shards");
            ChunkShapeParser.CheckShards(shards, chunks);
            blocks = shards;
        }

        int[] clipped = [.. blocks.Select((b, d) => (int)Math.Max(1, Math.Min(b, image.Shape[d])))];
        if (!clipped.AsSpan().SequenceEqual(image.Chunks.ChunkShape))
        {
            // Coarsening by 1 everywhere only regroups elements into the new chunks.
            image = image.Coarsen([.. Enumerable.Repeat(1, image.Rank)], clipped);
        }

        var write = new ZarrWriteOptions
        {
            Format = v3 ? ZarrFormat.V3 : ZarrFormat.V2,
            Compressor = v3 ? null : CodecChoice.Create(choices.Codec, choices.Level, choices.Shuffle, image.DataType),
            Codecs = v3 ? CodecChoice.CreateV3(choices.Codec, choices.Level, choices.Shuffle, image.DataType, "--format zarr3") : null,
            InnerChunks = request.Shards is null ? null : chunks,
            DimensionNames = v3 ? [.. TiffArrayMetadata.Axes] : null,
        };
        return await BlockProgressView.RunAsync(console, "convert", progress => image.WriteZarrAsync(folder, write with { Progress = progress }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>One line on what was written.</summary>
    public static string Summary(TiffInput input, ZarrWriteResult result, long storedBytes, TimeSpan elapsed, string path)
    {
        long decoded = ShapeMath.Product(input.Array.Shape) * input.Array.DataType.ItemSize;
        string ratio = storedBytes > 0 ? Formats.Number((double)decoded / storedBytes, 2) : "n/a";
        return $"converted {input.Metadata.Files.Count} TIFF file(s) into {result.ChunksWritten} chunks of '{path}' in {Formats.Number(elapsed.TotalSeconds, 2)} s: " +
            $"axes c,t,z,y,x, shape {ShapeMath.Format(input.Array.Shape)}, {Formats.Bytes(decoded)} of data, output {Formats.Bytes(storedBytes)}, ratio {ratio}";
    }
}
