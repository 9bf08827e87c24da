using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tessera.Arrays;
using Tessera.Arrays.Output;
using Tessera.Arrays.Plans;
using Tessera.Arrays.Scheduling;
using Tessera.Arrays.Signatures;
using Tessera.DataTypes;
using Tessera.Imaging.Background;
using Tessera.Imaging.Deconvolution;
using Tessera.Imaging.Intensity;
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

    /// <summary>Opens the arrays and builds the output graph.</summary>
    /// <exception cref="TesseraException">An array is missing or malformed, or the PSF does not fit the input or cannot be normalised.</exception>
    public async Task<DeconvolvePlan> PrepareAsync(CancellationToken cancellationToken)
    {
        var input = await ZarrArray.OpenAsync(InputPath, cancellationToken).ConfigureAwait(false);
        var psf = await ZarrArray.OpenAsync(PsfPath, cancellationToken).ConfigureAwait(false);
        if (input.Rank < 3 || psf.Rank < 3)
        {
            var (which, array) = input.Rank < 3 ? ("INPUT", input) : ("PSF", psf);
            throw new TesseraException($"{which} '{array.Location}' has shape {ShapeMath.Format(array.Shape)}; deconvolution needs at least 3 dimensions, the last three (z, y, x).");
        }

        if (input.DataType.Kind == DataTypeKind.Bool || psf.DataType.Kind == DataTypeKind.Bool)
        {
            var (which, array) = input.DataType.Kind == DataTypeKind.Bool ? ("INPUT", input) : ("PSF", psf);
            throw new TesseraException($"{which} '{array.Location}' has dtype {array.DataType.TypeString} (bool); deconvolution needs numbers (integers or floats).");
        }

        if (psf.Rank != 3 && psf.Rank != input.Rank)
        {
            string perChannel = input.Rank > 3
                ? $", or one with INPUT's {input.Rank} dimensions whose leading sizes are 1 or INPUT's, such as {ShapeMath.Format<long>([input.Shape[0], .. Enumerable.Repeat(1L, input.Rank - 4), .. psf.Shape[^3..]])} for one PSF per channel"
                : "";
            throw new TesseraException($"PSF '{psf.Location}' has shape {ShapeMath.Format(psf.Shape)}: give a 3-D PSF for every volume{perChannel}.");
        }

        if (ShapeMath.Product(input.Shape) == 0)
        {
            throw new TesseraException($"INPUT '{input.Location}' of shape {ShapeMath.Format(input.Shape)} has no volumes to deconvolve.");
        }

        for (int a = input.Rank - 3; a < input.Rank; a++)
        {
            if (input.ChunkShape[a] < input.Shape[a])
            {
                throw new TesseraException(
                    $"INPUT '{input.Location}' is chunked {ShapeMath.Format(input.ChunkShape)}, which splits each (z, y, x) volume of {ShapeMath.Format(input.Shape[^3..])}. " +
                    "Each volume must be one chunk; rechunk it with 'tessera convert INPUT NEW --chunks 1,...,1,Z,Y,X'.");
            }
        }

        LazyArray output;
        try
        {
            output = LazyArray.FromZarr(input).SubtractBackground(Background).Deconvolve(LazyArray.FromZarr(psf), Options);
        }
        catch (SignatureException ex)
        {
            throw new TesseraException(
                $"PSF '{psf.Location}' of shape {ShapeMath.Format(psf.Shape)} does not fit INPUT '{input.Location}' of shape {ShapeMath.Format(input.Shape)}: " +
                "its leading dimensions must broadcast against the input's (a 3-D PSF for every volume, or (C,1,pz,py,px) for a PSF per channel). " + ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            throw new TesseraException($"PSF '{psf.Location}' cannot deconvolve INPUT '{input.Location}': {ex.Message}", ex);
        }

        ScaleToUInt16? toUInt16 = null;
        if (OutputType.Kind == DataTypeKind.UInt16)
        {
            toUInt16 = new ScaleToUInt16(Scale);
            output = output.MapBlocks(toUInt16);
        }

        string psfDigest = await CheckPsfsAsync(psf, cancellationToken).ConfigureAwait(false);
        return new DeconvolvePlan(input, psf, output, MemoryLimit ?? MemoryBudget.DefaultBytes(), psfDigest, toUInt16);
    }

    /// <summary>
    /// Reads the PSFs (they are small) and refuses any that cannot be normalised, naming the file and the
    /// PSF; returns the SHA-256 of their values, which the job record keeps so that a PSF rewritten in place
    /// is not resumed as the same job.
    /// </summary>
    private static async Task<string> CheckPsfsAsync(ZarrArray psf, CancellationToken cancellationToken)
    {
        using var values = await LazyArray.FromZarr(psf).AsType<float>().ComputeAsync<float>(new ComputeOptions { MemoryLimit = long.MaxValue }, cancellationToken).ConfigureAwait(false);
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
                throw new TesseraException($"PSF '{psf.Location}'{which} sums to {sum}; a PSF needs finite values with a positive sum (it is normalised to 1). Check that the right array was given.");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(values.Bytes));
    }

    /// <summary>The write options for <paramref name="plan"/>.</summary>
    public ZarrWriteOptions WriteOptions(DeconvolvePlan plan, IProgress<ComputeProgress>? progress) => new()
    {
        Job = new JsonObject { ["plan"] = LazyPlan.ToJson(plan.Output), ["psf_sha256"] = plan.PsfDigest },
        Mode = Mode,
        MemoryLimit = plan.MemoryLimit,
        MaxParallelBlocks = Parallel,
        Progress = progress,
    };
}

/// <summary>A prepared job: its arrays, the output graph, the memory budget, the digest of the PSFs' values and, for uint16 output, the conversion (which counts what it clips).</summary>
internal sealed record DeconvolvePlan(ZarrArray Input, ZarrArray Psf, LazyArray Output, long MemoryLimit, string PsfDigest, ScaleToUInt16? ToUInt16)
{
    /// <summary>The number of (z, y, x) volumes.</summary>
    public long Volumes => ShapeMath.Product(Input.Shape[..^3]);

    /// <summary>Voxels per volume.</summary>
    public long VolumeVoxels => ShapeMath.Product(Input.Shape[^3..]);
}
