using Tessera.Arrays;
using Tessera.Arrays.Graph;
using Tessera.Arrays.Output;
using Tessera.Arrays.Scheduling;
using Tessera.Arrays.Signatures;
using Tessera.DataTypes;
using Tessera.Imaging.Background;
using Tessera.Imaging.Deconvolution;
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

    public int? Parallel { get; init; }

    public long? MemoryLimit { get; init; }

    public WriteMode Mode { get; init; } = WriteMode.CreateNew;

    /// <summary>Opens the arrays and builds the output graph.</summary>
    /// <exception cref="TesseraException">An array is missing or malformed, the PSF does not fit the input, or the budget cannot hold one volume.</exception>
    public async Task<DeconvolvePlan> PrepareAsync(CancellationToken cancellationToken)
    {
        var input = await ZarrArray.OpenAsync(InputPath, cancellationToken).ConfigureAwait(false);
        var psf = await ZarrArray.OpenAsync(PsfPath, cancellationToken).ConfigureAwait(false);
        if (input.Rank < 3 || psf.Rank < 3)
        {
            var (which, array) = input.Rank < 3 ? ("INPUT", input) : ("PSF", psf);
            throw new TesseraException($"{which} '{array.Location}' has shape {ShapeMath.Format(array.Shape)}; deconvolution needs at least 3 dimensions, the last three (z, y, x).");
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

        if (OutputType != output.DataType)
        {
            output = output.AsType(OutputType, CastMode.RoundAndClip);
        }

        long budget = MemoryLimit ?? MemoryBudget.DefaultBytes();
        if (output.BlockWorkingSetBytes > budget)
        {
            throw new MemoryBudgetException(output.BlockWorkingSetBytes, budget);
        }

        return new DeconvolvePlan(input, psf, output, budget);
    }

    /// <summary>The write options for <paramref name="plan"/>.</summary>
    public ZarrWriteOptions WriteOptions(DeconvolvePlan plan, IProgress<ComputeProgress>? progress, Action<ConcurrencyPlan>? onPlan) => new()
    {
        Mode = Mode,
        MemoryLimit = plan.MemoryLimit,
        MaxParallelBlocks = Parallel,
        Progress = progress,
        OnPlan = onPlan,
    };
}

/// <summary>A prepared job: its arrays, the output graph and the memory budget.</summary>
internal sealed record DeconvolvePlan(ZarrArray Input, ZarrArray Psf, LazyArray Output, long MemoryLimit)
{
    /// <summary>The number of (z, y, x) volumes.</summary>
    public long Volumes => ShapeMath.Product(Input.Shape[..^3]);

    /// <summary>Voxels per volume.</summary>
    public long VolumeVoxels => ShapeMath.Product(Input.Shape[^3..]);
}
