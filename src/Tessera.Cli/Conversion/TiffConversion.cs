using Tessera.Arrays;
using Tessera.Arrays.Output;
using Tessera.Cli.Images;
using Tessera.Cli.Output;
using Tessera.Ngff;
using Tessera.Shapes;
using Tessera.Tiff.Writing;

namespace Tessera.Cli.Conversion;

/// <summary>
/// <c>tessera convert --format tiff|ome-tiff</c>: writes INPUT (Zarr, OME-Zarr or TIFF) as one multi-page TIFF of
/// (c, t, z) pages, with OME-XML carrying the axes, physical sizes and channel names for <c>ome-tiff</c>.
/// </summary>
internal static class TiffConversion
{
    /// <summary>What is written: the array in (c, t, z, y, x) or (z, y, x) order, its voxel size (z, y, x) in <paramref name="Unit"/> if known, and channel names.</summary>
    /// <param name="Array">The array, in TIFF page order.</param>
    /// <param name="VoxelSize">The voxel size along z, y and x, or null when unknown.</param>
    /// <param name="Unit">The unit of <paramref name="VoxelSize"/>, an OME-NGFF name.</param>
    /// <param name="ChannelNames">One name per channel, or null.</param>
    public sealed record Source(LazyArray Array, double[]? VoxelSize, string Unit, IReadOnlyList<string>? ChannelNames);

    /// <summary>The TIFF INPUT as it is: (c, t, z, y, x), with its voxel size (or <c>--voxel-size</c>) and channel names.</summary>
    /// <exception cref="UsageException">--axes is given, or --voxel-size is given for a file that has one.</exception>
    public static Source FromTiff(TiffInput input, ImageRequest request)
    {
        var names = input.Metadata.ChannelNames;
        IReadOnlyList<string>? channels = names.All(n => n is null) ? null : [.. names.Select((n, i) => n ?? $"channel {i}")];
        if (request.VoxelSize is null && !input.HasVoxelSize)
        {
            if (request.Axes is not null)
            {
                throw new UsageException($"INPUT '{input.Location}' is TIFF, read as (c, t, z, y, x); leave out --axes.");
            }

            return new Source(input.Array, null, request.Unit, channels);
        }

        var layout = ImageLayout.Resolve(input, request);
        return new Source(input.Array, layout.Scale[^3..], layout.Axes[^1].Unit ?? request.Unit, channels);
    }

    /// <summary>
    /// A Zarr INPUT in TIFF page order. An OME-Zarr image's axes must be (z, y, x) or (t, c, z, y, x), reordered to
    /// (c, t, z, y, x), its level-0 scale giving the physical sizes; a plain array is (z, y, x) or (c, t, z, y, x) unless
    /// <c>--axes</c> names its dimensions, and <c>--voxel-size</c> gives physical sizes.
    /// </summary>
    /// <exception cref="UsageException">The axes cannot be stored as TIFF pages, or an option does not fit INPUT.</exception>
    public static Source FromZarr(InputImage input, ImageRequest request)
    {
        var array = input.Array;
        IReadOnlyList<NgffAxis> axes;
        int[] permutation;
        double[]? scale = null;
        if (input.Multiscale is not null || request.VoxelSize is not null)
        {
            var layout = ImageLayout.Resolve(input, input.Multiscale is null && request.Axes is null ? request with { Axes = DefaultAxes(input) } : request);
            (axes, permutation, scale) = (layout.Axes, layout.Permutation, layout.Scale);
        }
        else
        {
            string text = request.Axes ?? DefaultAxes(input);
            NgffAxisOrder order;
            try
            {
                order = NgffAxisOrder.Parse(text, request.Unit);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--axes {text} --unit {request.Unit}: {ex.Message}");
            }

            if (order.InputNames.Count != array.Rank)
            {
                throw new UsageException($"--axes {text} names {order.InputNames.Count} axes but INPUT '{array.Location}' has {array.Rank} dimensions (shape {ShapeMath.Format(array.Shape)}); give one name per dimension.");
            }

            (axes, permutation) = (order.Axes, order.Permutation);
        }

        // NGFF order is (t, c, z, y, x); TIFF pages run over c, then t, then z.
        string[] names = [.. axes.Select(a => a.Name)];
        int[] toPages = names.SequenceEqual(["z", "y", "x"]) ? [0, 1, 2]
            : names.SequenceEqual(["t", "c", "z", "y", "x"]) ? [1, 0, 2, 3, 4]
            : throw new UsageException(
                $"INPUT '{array.Location}' has axes {string.Join(", ", names)}; TIFF output holds (z, y, x) or (c, t, z, y, x) images. Write OME-Zarr instead (--format ome-zarr), which keeps any axes.");
        var ordered = LazyArray.FromZarr(array).Transpose(permutation).Transpose(toPages);
        var labels = input.Image?.ChannelLabels;
        IReadOnlyList<string>? channels = names.Length == 5 && labels is { Count: > 0 } && labels.Count == ordered.Shape[0] && labels.Any(l => l is not null)
            ? [.. labels.Select((l, i) => l ?? $"channel {i}")]
            : null;
        return new Source(ordered, scale?[^3..], axes[^1].Unit ?? request.Unit, channels);
    }

    private static string DefaultAxes(InputImage input) => input.Array.Rank switch
    {
        3 => "z,y,x",
        5 => "c,t,z,y,x",
        _ => throw new UsageException(
            $"INPUT '{input.Array.Location}' has {input.Array.Rank} dimensions (shape {ShapeMath.Format(input.Array.Shape)}); TIFF output holds (z, y, x) or (c, t, z, y, x) arrays. Write OME-Zarr instead (--format ome-zarr --axes ...)."),
    };

    /// <summary>Writes <paramref name="source"/> to the TIFF file <paramref name="path"/>, which appears only when complete.</summary>
    /// <param name="console">Where progress goes.</param>
    /// <param name="source">What to write.</param>
    /// <param name="path">The output file.</param>
    /// <param name="ome">Whether page 0 carries OME-XML.</param>
    /// <param name="compression">How each page is compressed.</param>
    /// <param name="cancellationToken">Stops the write; the file is then not created.</param>
    /// <exception cref="TesseraException">The array cannot be stored as TIFF (its data type, say).</exception>
    public static async Task WriteAsync(CliConsole console, Source source, string path, bool ome, TiffCompression compression, CancellationToken cancellationToken)
    {
        var voxel = source.VoxelSize;
        var options = new TiffWriteOptions
        {
            Ome = ome,
            PhysicalSizeZ = voxel?[0],
            PhysicalSizeY = voxel?[1],
            PhysicalSizeX = voxel?[2],
            Unit = source.Unit,
            ChannelNames = source.ChannelNames,
            Compression = compression,
        };
        try
        {
            await BlockProgressView.RunAsync(console, "convert", async progress =>
            {
                await source.Array.WriteTiffAsync(path, options with { Progress = progress }, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new TesseraException($"OUTPUT '{path}' cannot hold INPUT as TIFF: {ex.Message}", ex);
        }
    }

    /// <summary>One line on what was written.</summary>
    public static string Summary(Source source, bool ome, TimeSpan elapsed, string path)
    {
        var shape = source.Array.Shape;
        string axes = shape.Length == 5 ? "c,t,z,y,x" : "z,y,x";
        long pages = ShapeMath.Product(shape[..^2]);
        long decoded = ShapeMath.Product(shape) * source.Array.DataType.ItemSize;
        return $"wrote {(ome ? "OME-TIFF" : "TIFF")} '{path}' in {Formats.Number(elapsed.TotalSeconds, 2)} s: axes {axes}, shape {ShapeMath.Format(shape)}, " +
            $"{pages} page(s), {Formats.Bytes(decoded)} of data, file {Formats.Bytes(new FileInfo(path).Length)}";
    }
}
