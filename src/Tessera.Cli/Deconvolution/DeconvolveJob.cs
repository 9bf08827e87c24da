using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tessera.Arrays;
using Tessera.Arrays.Output;
using Tessera.Arrays.Plans;
using Tessera.Arrays.Scheduling;
using Tessera.Arrays.Signatures;
using Tessera.Cli.Conversion;
using Tessera.Cli.Images;
using Tessera.DataTypes;
using Tessera.Imaging.Background;
using Tessera.Imaging.Deconvolution;
using Tessera.Imaging.Intensity;
using Tessera.Ngff;
using Tessera.Shapes;
using Tessera.Zarr;

namespace Tessera.Cli.Deconvolution;

/// <summary>
/// One deconvolution job as the CLI states it: the input and PSF arrays, the options and the output. Builds
/// the lazy graph and refuses bad input before anything is computed or written, naming the file at fault.
/// </summary>
internal sealed record DeconvolveJob
{
    public required string InputPath { get; init; }

    public required string PsfPath { get; init; }

    public required string OutputPath { get; init; }

    public RichardsonLucyOptions Options { get; init; } = new();

    /// <summary>A constant (the camera offset) subtracted from the input before deconvolution, clipping at 0.</summary>
    public float Background { get; init; }

    public DataType OutputType { get; init; } = DataType.For<float>();

    /// <summary>With a uint16 output, the factor applied before rounding and clipping to 0..65535.</summary>
    public float Scale { get; init; } = 1;

    public int? Parallel { get; init; }

    public long? MemoryLimit { get; init; }

    public WriteMode Mode { get; init; } = WriteMode.CreateNew;

    /// <summary>The output format and its options (<c>--format</c>, <c>--shards</c>, <c>--levels</c>, <c>--axes</c>, ...).</summary>
    public ImageRequest Image { get; init; } = new();

    /// <summary>Opens the arrays (Zarr, OME-Zarr or TIFF) and builds the output graph.</summary>
    /// <exception cref="TesseraException">An array is missing or malformed, or the PSF does not fit the input or cannot be normalised.</exception>
    public async Task<DeconvolvePlan> PrepareAsync(CancellationToken cancellationToken)
    {
        bool tiffIn = TiffInput.IsTiff(InputPath) && !Directory.Exists(InputPath);
        var tiff = tiffIn ? TiffInput.Open(InputPath, "INPUT") : null;
        var source = tiffIn ? null : await InputImage.OpenAsync(InputPath, "INPUT", cancellationToken).ConfigureAwait(false);
        var input = tiff?.Array ?? LazyArray.FromZarr(source!.Array);
        string inputLocation = tiff?.Location ?? source!.Array.Location;
        var format = Image.Format ?? (source?.Image is null ? OutputFormat.Zarr2 : OutputFormat.OmeZarr);
        if (format is OutputFormat.Tiff or OutputFormat.OmeTiff)
        {
            throw new UsageException("deconvolve writes resumable Zarr output (zarr2, zarr3 or ome-zarr); convert the result afterwards with 'tessera convert OUTPUT result.ome.tif'.");
        }

        ImageOptions.CheckApplies(Image, format, Image.Version ?? source?.Image?.Version ?? NgffVersion.V0_4);
        if (source is not null)
        {
            CheckVolumeAxes(source);
        }

        var (psf, psfLocation) = await OpenPsfAsync(PsfPath, cancellationToken).ConfigureAwait(false);
        if (input.Rank < 3 || psf.Rank < 3)
        {
            var (which, location, dims) = input.Rank < 3 ? ("INPUT", inputLocation, input.Shape.ToArray()) : ("PSF", psfLocation, psf.Shape.ToArray());
            throw new TesseraException($"{which} '{location}' has shape {ShapeMath.Format<long>(dims)}; deconvolution needs at least 3 dimensions, the last three (z, y, x).");
        }

        if (input.DataType.Kind == DataTypeKind.Bool || psf.DataType.Kind == DataTypeKind.Bool)
        {
            var (which, location, type) = input.DataType.Kind == DataTypeKind.Bool ? ("INPUT", inputLocation, input.DataType) : ("PSF", psfLocation, psf.DataType);
            throw new TesseraException($"{which} '{location}' has dtype {type.TypeString} (bool); deconvolution needs numbers (integers or floats).");
        }

        if (psf.Rank != 3 && psf.Rank != input.Rank)
        {
            string perChannel = input.Rank > 3
                ? $", or one with INPUT's {input.Rank} dimensions whose leading sizes are 1 or INPUT's, such as {ShapeMath.Format<long>([input.Shape[0], .. Enumerable.Repeat(1L, input.Rank - 4), .. psf.Shape[^3..]])} for one PSF per channel"
                : "";
            throw new TesseraException($"PSF '{psfLocation}' has shape {ShapeMath.Format(psf.Shape)}: give a 3-D PSF for every volume{perChannel}.");
        }

        if (ShapeMath.Product(input.Shape) == 0)
        {
            throw new TesseraException($"INPUT '{inputLocation}' of shape {ShapeMath.Format(input.Shape)} has no volumes to deconvolve.");
        }

        for (int a = input.Rank - 3; a < input.Rank; a++)
        {
            if (input.Chunks.ChunkShape[a] < input.Shape[a])
            {
                throw new TesseraException(
                    $"INPUT '{inputLocation}' is chunked {ShapeMath.Format(input.Chunks.ChunkShape)}, which splits each (z, y, x) volume of {ShapeMath.Format(input.Shape[^3..])}. " +
                    "Each volume must be one chunk; rechunk it with 'tessera convert INPUT NEW --chunks 1,...,1,Z,Y,X'.");
            }
        }

        LazyArray output;
        try
        {
            output = input.SubtractBackground(Background).Deconvolve(psf, Options);
        }
        catch (SignatureException ex)
        {
            throw new TesseraException(
                $"PSF '{psfLocation}' of shape {ShapeMath.Format(psf.Shape)} does not fit INPUT '{inputLocation}' of shape {ShapeMath.Format(input.Shape)}: " +
                "its leading dimensions must broadcast against the input's (a 3-D PSF for every volume, or (C,1,pz,py,px) for a PSF per channel). " + ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            throw new TesseraException($"PSF '{psfLocation}' cannot deconvolve INPUT '{inputLocation}': {ex.Message}", ex);
        }

        ScaleToUInt16? toUInt16 = null;
        if (OutputType.Kind == DataTypeKind.UInt16)
        {
            toUInt16 = new ScaleToUInt16(Scale);
            output = output.MapBlocks(toUInt16);
        }

        var shape = new OutputShape(format, null, null, 1);
        if (format == OutputFormat.OmeZarr)
        {
            var layout = tiff is not null ? ImageLayout.Resolve(tiff, Image) : ImageLayout.Resolve(source!, Image);
            CheckVolumeLast(layout, inputLocation);
            output = output.Transpose(layout.Permutation);
            int levels = Image.Levels ?? (source?.Image is null ? layout.DefaultLevels(output.Shape) : source.Multiscale!.Datasets.Count);
            shape = shape with { Layout = layout, Levels = levels };
        }

        if (Image.Shards is { } shards)
        {
            // The blocks (one per volume or more) become the inner chunks; a shard groups several of them.
            int[] blocks = output.Chunks.ChunkShape.ToArray();
            ChunkShapeParser.CheckFits(shards, output.Shape, output.DataType.ItemSize, inputLocation, "--shards");
            ChunkShapeParser.CheckShards(shards, blocks);
            output = output.Coarsen([.. Enumerable.Repeat(1, output.Rank)], shards);
            shape = shape with { InnerChunks = blocks };
        }

        string psfDigest = await CheckPsfsAsync(psf, psfLocation, cancellationToken).ConfigureAwait(false);
        var names = format != OutputFormat.Zarr3 ? null
            : tiff is not null ? [.. TiffArrayMetadata.Axes]
            : source!.Array.DimensionNames ?? source.Multiscale?.Axes.Select(a => (string?)a.Name).ToArray();
        return new DeconvolvePlan(input, psf, output, MemoryLimit ?? MemoryBudget.DefaultBytes(), psfDigest, toUInt16) { Shape = shape with { DimensionNames = names } };
    }

    /// <summary>
    /// The PSF: a Zarr array, or a TIFF file read as (c, t, pz, py, px), of which a plain z-stack (c and t of size 1)
    /// becomes the 3-D PSF of every volume and a hyperstack of C channels stays (C, 1, pz, py, px), one PSF per channel.
    /// </summary>
    private static async Task<(LazyArray Psf, string Location)> OpenPsfAsync(string path, CancellationToken cancellationToken)
    {
        if (TiffInput.IsTiff(path) && !Directory.Exists(path))
        {
            var tiff = TiffInput.Open(path, "PSF");
            var psf = tiff.Array;
            return (psf.Shape[0] == 1 && psf.Shape[1] == 1 ? psf.Take(0, 0).Take(0, 0) : psf, tiff.Location);
        }

        var zarr = await ZarrArray.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        return (LazyArray.FromZarr(zarr), zarr.Location);
    }

    /// <summary>An OME-Zarr INPUT's last three axes must be its three space axes, the volumes deconvolved.</summary>
    private static void CheckVolumeAxes(InputImage source)
    {
        if (source.Multiscale is { } multiscale && (multiscale.Axes.Count < 3 || multiscale.Axes.TakeLast(3).Any(a => a.Type != NgffAxisType.Space)))
        {
            throw new TesseraException(
                $"INPUT '{source.Array.Location}' is an OME-Zarr image with axes {string.Join(", ", multiscale.Axes.Select(a => a.Name))}; deconvolution needs three space axes (z, y, x) as the last three.");
        }
    }

    /// <summary>With <c>--axes</c>, INPUT's last three dimensions must be the space axes, which stay last in NGFF order.</summary>
    private static void CheckVolumeLast(ImageLayout layout, string input)
    {
        int rank = layout.Axes.Count;
        bool last = rank >= 3 && layout.Axes.TakeLast(3).All(a => a.Type == NgffAxisType.Space) && layout.Permutation[^3..].SequenceEqual([rank - 3, rank - 2, rank - 1]);
        if (!last)
        {
            throw new UsageException($"--axes names INPUT's dimensions so that its last three are not z, y, x; deconvolution works on (z, y, x) volumes, the last three dimensions of INPUT '{input}'.");
        }
    }

    /// <summary>
    /// Reads the PSFs (they are small) and refuses any that cannot be normalised, naming the file and the
    /// PSF; returns the SHA-256 of their values, which the job record keeps so that a PSF rewritten in place
    /// is not resumed as the same job.
    /// </summary>
    private static async Task<string> CheckPsfsAsync(LazyArray psf, string location, CancellationToken cancellationToken)
    {
        using var values = await psf.AsType<float>().ComputeAsync<float>(new ComputeOptions { MemoryLimit = long.MaxValue }, cancellationToken).ConfigureAwait(false);
        int kernel = (int)ShapeMath.Product(psf.Shape[^3..]);
        for (int k = 0; k * kernel < values.Length; k++)
        {
            double sum = 0;
            foreach (float v in values.Span.Slice(k * kernel, kernel))
            {
                sum += v;
            }

            if (!double.IsFinite(sum) || sum <= 0)
            {
                string which = psf.Rank > 3 ? $" number {k} (in C order over its leading dimensions)" : "";
                throw new TesseraException($"PSF '{location}'{which} sums to {sum}; a PSF needs finite values with a positive sum (it is normalised to 1). Check that the right array was given.");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(values.Bytes));
    }

    /// <summary>The write options for <paramref name="plan"/>.</summary>
    public ZarrWriteOptions WriteOptions(DeconvolvePlan plan, IProgress<ComputeProgress>? progress) => new()
    {
        Format = plan.Shape.Format == OutputFormat.Zarr3 ? ZarrFormat.V3 : ZarrFormat.V2,
        InnerChunks = plan.Shape.InnerChunks,
        DimensionNames = plan.Shape.Format == OutputFormat.OmeZarr && plan.Shape.Layout!.Version == NgffVersion.V0_5
            ? [.. plan.Shape.Layout.Axes.Select(a => a.Name)]
            : plan.Shape.DimensionNames,
        Job = new JsonObject { ["plan"] = LazyPlan.ToJson(plan.Output), ["psf_sha256"] = plan.PsfDigest },
        Mode = Mode,
        MemoryLimit = plan.MemoryLimit,
        MaxParallelBlocks = Parallel,
        Progress = progress,
    };
}

/// <summary>A prepared job: its arrays, the output graph, the memory budget, the digest of the PSFs' values and, for uint16 output, the conversion (which counts what it clips).</summary>
internal sealed record DeconvolvePlan(LazyArray Input, LazyArray Psf, LazyArray Output, long MemoryLimit, string PsfDigest, ScaleToUInt16? ToUInt16)
{
    /// <summary>How the output is stored: format, OME-Zarr layout and levels, inner chunks, dimension names.</summary>
    public OutputShape Shape { get; init; } = new(OutputFormat.Zarr2, null, null, 1);

    /// <summary>The number of (z, y, x) volumes.</summary>
    public long Volumes => ShapeMath.Product(Input.Shape[..^3]);

    /// <summary>Voxels per volume.</summary>
    public long VolumeVoxels => ShapeMath.Product(Input.Shape[^3..]);
}

/// <summary>How a deconvolution's output is stored.</summary>
/// <param name="Format">The output format.</param>
/// <param name="Layout">For OME-Zarr output, the image's axes, scale and version; null otherwise.</param>
/// <param name="InnerChunks">With <c>--shards</c>, the inner chunks (the computation's blocks); null otherwise.</param>
/// <param name="Levels">For OME-Zarr output, the number of levels.</param>
internal sealed record OutputShape(OutputFormat Format, ImageLayout? Layout, int[]? InnerChunks, int Levels)
{
    /// <summary>For Zarr v3 array output, the dimension names carried from INPUT; null for none.</summary>
    public IReadOnlyList<string?>? DimensionNames { get; init; }
}
