using System.CommandLine;
using Tessera.Arrays.Output;
using Tessera.Arrays.Scheduling;
using Tessera.Cli.Deconvolution;
using Tessera.Cli.Images;
using Tessera.Cli.Files;
using Tessera.Cli.Output;
using Tessera.DataTypes;
using Tessera.Imaging.Deconvolution;
using Tessera.Ngff;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>tessera deconvolve INPUT --psf PSF -o OUTPUT</c>: Richardson–Lucy on every (z, y, x) volume of a Zarr
/// array, on all cores within a memory budget, into a resumable Zarr array. See docs/CLI.md.
/// </summary>
internal sealed class DeconvolveCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _input = new("INPUT") { Description = "The folder of the Zarr array (v2 or v3) to deconvolve, shaped (..., z, y, x) with each volume in one chunk, or of an OME-Zarr image (its level 0); or a TIFF file or {c}/{t} pattern of z-stacks, read as (c, t, z, y, x)." };
    private readonly Option<string> _psf = new("--psf") { Description = "The folder of the PSF's Zarr array: (pz, py, px) for every volume, or with leading dimensions that broadcast against INPUT's, such as (C, 1, pz, py, px) for one PSF per channel; or a TIFF file: a z-stack for every volume, or a hyperstack of C channels for one PSF per channel.", Required = true };
    private readonly Option<string> _output = new("--output", "-o") { Description = "The folder of the output Zarr array (chunked like INPUT). Must not exist unless --overwrite or --resume.", Required = true };
    private readonly Option<int> _iterations = new("--iterations") { Description = "Richardson–Lucy iterations.", DefaultValueFactory = _ => 10 };
    private readonly Option<string> _pad = new("--pad") { Description = "How each volume is extended past its edges: zero, edge (repeat the border) or reflect.", DefaultValueFactory = _ => "edge" };
    private readonly Option<string> _init = new("--init") { Description = "The first estimate: input (the volume itself), mean (its mean everywhere) or a positive constant.", DefaultValueFactory = _ => "input" };
    private readonly Option<float> _background = new("--background") { Description = "A constant subtracted from INPUT before deconvolution, clipping at 0: the camera's offset (dark level), such as 100. Richardson–Lucy assumes photon counts.", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _dtype = new("--dtype") { Description = "The output type. uint16 multiplies by --scale, rounds to the nearest integer and clips to 0..65535; the summary says how many voxels were clipped and which scale would fit.", DefaultValueFactory = _ => "float32" };
    private readonly Option<float?> _scale = new("--scale") { Description = "With --dtype uint16, the factor applied before rounding (default 1: Richardson–Lucy keeps the input's intensity units)." };
    private readonly Option<int?> _parallel = new("--parallel") { Description = "The most volumes deconvolved at once (default: from the cores and the memory budget; the remaining cores become FFT threads inside each volume)." };
    private readonly Option<string?> _memory = new("--memory") { Description = "The memory budget for the volumes in flight, such as 2G or 512M (default: 60% of the available memory).", HelpName = "SIZE" };
    private readonly Option<bool> _resume = new("--resume") { Description = "Finish an interrupted job into OUTPUT: skip the volumes it completed, after checking the parameters match." };
    private readonly ImageOptions _image = new("The output: zarr2 (Zarr v2 array), zarr3 (Zarr v3 array) or ome-zarr (OME-Zarr image) (default: ome-zarr with INPUT's axes, units, scale and NGFF version when INPUT is an OME-Zarr image, else zarr2).");
    private readonly Option<bool> _overwrite = new("--overwrite") { Description = "Delete an existing OUTPUT array and start again (a Zarr group or any other folder is never deleted)." };

    public DeconvolveCommand(CliConsole console)
        : base("deconvolve", "Deconvolve every 3-D volume of a Zarr array with Richardson–Lucy and store the result as a Zarr array.")
    {
        _console = console;
        _pad.AcceptOnlyFromAmong("zero", "edge", "reflect");
        _dtype.AcceptOnlyFromAmong("float32", "uint16");
        Add(_input);
        Add(_psf);
        Add(_output);
        Add(_iterations);
        Add(_pad);
        Add(_init);
        Add(_background);
        Add(_dtype);
        Add(_scale);
        Add(_parallel);
        Add(_memory);
        Add(_resume);
        Add(_overwrite);
        _image.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var job = ReadJob(parse);
        PathRules.CheckSeparate(job.InputPath, job.OutputPath);
        PathRules.CheckSeparate(job.PsfPath, job.OutputPath);
        var plan = await job.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var result = await RunJobAsync(_console, job, plan, cancellationToken).ConfigureAwait(false);
        await _console.Out.WriteLineAsync(Summary(plan, result, job)).ConfigureAwait(false);
        _console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>Runs a prepared job with progress on stderr; on cancellation says how to resume.</summary>
    /// <returns>The write of the output array, or of an OME-Zarr output's level 0.</returns>
    internal static async Task<ZarrWriteResult> RunJobAsync(CliConsole console, DeconvolveJob job, DeconvolvePlan plan, CancellationToken cancellationToken)
    {
        try
        {
            if (plan.Shape.Layout is not { } layout)
            {
                return await BlockProgressView.RunAsync(
                    console, "deconvolve",
                    progress => plan.Output.WriteZarrAsync(job.OutputPath, job.WriteOptions(plan, progress), cancellationToken)).ConfigureAwait(false);
            }

            var image = await BlockProgressView.RunAsync(console, "deconvolve", progress => OmeZarrWriter.WriteAsync(plan.Output, job.OutputPath, new OmeZarrOptions
            {
                Version = layout.Version,
                Axes = layout.Axes,
                Scale = layout.Scale,
                Translation = layout.Translation,
                Levels = plan.Shape.Levels,
                Write = job.WriteOptions(plan, progress),
                Name = layout.Name,
                Omero = layout.Omero,
            }, cancellationToken)).ConfigureAwait(false);
            return image.Levels[0];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"tessera: the volumes finished so far are kept in '{job.OutputPath}'; run the same command with --resume to finish.").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One line on what was done, how fast, and with how much memory.</summary>
    internal static string Summary(DeconvolvePlan plan, ZarrWriteResult result, DeconvolveJob job)
    {
        if (result.WasComplete)
        {
            return $"nothing to do: '{result.Location}' is complete ({result.ChunksTotal} of {result.ChunksTotal} volumes) from an earlier run with the same parameters.";
        }

        double seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-9);
        long voxels = result.ChunksWritten * plan.VolumeVoxels;
        string resumed = result.ChunksSkipped > 0 ? $" ({result.ChunksSkipped} were complete already)" : "";
        string how = result.Plan is { } p ? $"{p.ParallelBlocks} at once × {p.ThreadsPerBlock} thread(s)" : "";
        string clip = plan.ToUInt16 is { } u ? "; " + ClipReport(u, voxels) : "";
        string levels = plan.Shape.Layout is { } layout ? $"; OME-Zarr {layout.Version.ToText()} image '{job.OutputPath}' with {plan.Shape.Levels} level(s)" : "";
        return $"deconvolved {result.ChunksWritten} volume(s){resumed} into '{result.Location}' in {Formats.Number(seconds, 2)} s: " +
            $"{Formats.Number(voxels / seconds / 1e6, 2)} Mvoxel/s, {how}, peak memory {Formats.Bytes(PeakMemory.Bytes())} (budget {Formats.Bytes(plan.MemoryLimit)}){clip}{levels}";
    }

    /// <summary>How the float results became uint16, and what was clipped in this run.</summary>
    private static string ClipReport(Imaging.Intensity.ScaleToUInt16 conversion, long voxels)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        string how = $"stored as uint16: values × {conversion.Scale.ToString("G6", culture)}, rounded, clipped to 0..65535";
        string low = conversion.ClippedLow > 0 ? $"; {conversion.ClippedLow} negative or NaN voxel(s) set to 0" : "";
        if (conversion.ClippedHigh == 0)
        {
            return $"{how}; none above 65535{low}";
        }

        string share = Formats.Number(100.0 * conversion.ClippedHigh / Math.Max(1, voxels), 3);
        string fit = double.IsFinite(conversion.Largest) && conversion.Largest > 0 ? $": --scale {FittingScale(conversion.Largest).ToString("G3", culture)} would fit" : "";
        return $"{how}; {conversion.ClippedHigh} voxel(s) ({share}%) were above and set to 65535 (largest value {conversion.Largest.ToString("G7", culture)}){fit}{low}";
    }

    /// <summary>The largest scale of three significant digits that maps <paramref name="largest"/> to at most 65535.</summary>
    internal static double FittingScale(double largest)
    {
        double exact = ushort.MaxValue / largest;
        double step = Math.Pow(10, Math.Floor(Math.Log10(exact)) - 2);
        return Math.Floor(exact / step) * step;
    }

    private DeconvolveJob ReadJob(ParseResult parse)
    {
        bool resume = parse.GetValue(_resume), overwrite = parse.GetValue(_overwrite);
        if (resume && overwrite)
        {
            throw new UsageException("--resume and --overwrite exclude each other: --resume keeps OUTPUT's finished volumes, --overwrite deletes them.");
        }

        int iterations = parse.GetValue(_iterations);
        if (iterations < 0)
        {
            throw new UsageException($"--iterations {iterations} is negative; give 0 or more (typically 10 to 50).");
        }

        if (parse.GetValue(_parallel) is < 1)
        {
            throw new UsageException("--parallel must be at least 1.");
        }

        if (!InitialEstimateOption.TryParse(parse.GetRequiredValue(_init), out var estimate, out float value, out string error))
        {
            throw new UsageException(error);
        }

        float background = parse.GetValue(_background);
        if (!float.IsFinite(background) || background < 0)
        {
            throw new UsageException($"--background {background} must be a finite number of at least 0 (the camera offset in counts, such as 100).");
        }

        bool toUInt16 = parse.GetRequiredValue(_dtype) == "uint16";
        float scale = parse.GetValue(_scale) ?? 1;
        if (parse.GetValue(_scale) is not null && !toUInt16)
        {
            throw new UsageException("--scale applies only with --dtype uint16; float32 output keeps the values as they are.");
        }

        if (!float.IsFinite(scale) || scale <= 0)
        {
            throw new UsageException($"--scale {scale} must be a finite positive number, such as 0.5.");
        }

        long? memory = null;
        if (parse.GetValue(_memory) is { } text)
        {
            try
            {
                memory = MemoryBudget.Parse(text);
            }
            catch (FormatException ex)
            {
                throw new UsageException($"--memory: {ex.Message}");
            }
        }

        return new DeconvolveJob
        {
            InputPath = parse.GetRequiredValue(_input),
            PsfPath = parse.GetRequiredValue(_psf),
            OutputPath = parse.GetRequiredValue(_output),
            Options = new RichardsonLucyOptions
            {
                Iterations = iterations,
                PadMode = Enum.Parse<PadMode>(parse.GetRequiredValue(_pad), ignoreCase: true),
                InitialEstimate = estimate,
                InitialValue = value,
            },
            Background = background,
            OutputType = toUInt16 ? DataType.For<ushort>() : DataType.For<float>(),
            Scale = scale,
            Parallel = parse.GetValue(_parallel),
            MemoryLimit = memory,
            Mode = resume ? WriteMode.Resume : overwrite ? WriteMode.Overwrite : WriteMode.CreateNew,
            Image = _image.Read(parse),
        };
    }
}
