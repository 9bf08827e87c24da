using System.CommandLine;
using System.Diagnostics;
using Tessera.Arrays.Output;
using Tessera.Cli.Deconvolution;
using Tessera.Cli.Demo;
using Tessera.Cli.Files;
using Tessera.Cli.Output;
using Tessera.Imaging.Deconvolution;
using Tessera.Shapes;
using Tessera.Stores;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>tessera demo</c>: makes a synthetic light-sheet data set with a known ground truth, deconvolves it as
/// <c>tessera deconvolve</c> would, and shows how much closer to the truth the result is, how long it
/// took and how fast it ran. Needs no input.
/// </summary>
internal sealed class DemoCommand : Command
{
    private readonly CliConsole _console;
    private readonly Option<string> _size = new("--size") { Description = "small: (2, 2, 48, 128, 128) with 15³ PSFs; medium: (2, 4, 64, 256, 256) with 31³ PSFs (benchmark W2's shape).", DefaultValueFactory = _ => DemoSize.Small.Name };
    private readonly Option<string> _output = new("--output", "-o") { Description = "The folder of the demo's Zarr group (data, psf, truth and deconvolved).", DefaultValueFactory = _ => "tessera-demo.zarr" };
    private readonly Option<int> _iterations = new("--iterations") { Description = "Richardson–Lucy iterations.", DefaultValueFactory = _ => 20 };
    private readonly Option<bool> _overwrite = new("--overwrite") { Description = "Replace an existing demo folder (a Zarr group)." };

    public DemoCommand(CliConsole console)
        : base("demo", "Make a synthetic light-sheet data set with a known ground truth, deconvolve it, and show the improvement, the time and the throughput.")
    {
        _console = console;
        _size.AcceptOnlyFromAmong(DemoSize.Names);
        Add(_size);
        Add(_output);
        Add(_iterations);
        Add(_overwrite);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var size = DemoSize.Parse(parse.GetRequiredValue(_size));
        int iterations = parse.GetValue(_iterations);
        if (iterations < 1)
        {
            throw new UsageException($"--iterations {iterations}: give at least 1.");
        }

        var clock = Stopwatch.StartNew();
        string group;
        using (var staged = StagedOutput.Begin(parse.GetRequiredValue(_output), parse.GetValue(_overwrite)))
        {
            long bytes = size.Channels * size.Times * (long)size.VolumeLength * sizeof(ushort);
            await ChunkProgress.RunAsync(_console, "making data", size.Channels * size.Times, bytes, async progress =>
                await DemoDataSet.WriteAsync(new FileSystemStore(staged.StagingPath), "", size, Environment.ProcessorCount, progress, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            staged.Publish();
            group = staged.FinalPath;
        }

        await _console.Out.WriteLineAsync(
            $"made the '{size.Name}' data set in '{group}' in {Formats.Number(clock.Elapsed.TotalSeconds, 1)} s: uint16 {ShapeMath.Format<long>(size.Shape)} (channel, time, z, y, x), " +
            $"PSFs {ShapeMath.Format<long>(size.PsfArrayShape)}, camera offset {DemoCamera.Offset}, Poisson noise").ConfigureAwait(false);

        var job = new DeconvolveJob
        {
            InputPath = Path.Combine(group, DemoDataSet.DataName),
            PsfPath = Path.Combine(group, DemoDataSet.PsfName),
            OutputPath = Path.Combine(group, "deconvolved"),
            Background = DemoCamera.Offset,
            Options = new RichardsonLucyOptions { Iterations = iterations },
            Mode = WriteMode.CreateNew,
        };
        var plan = await job.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var result = await DeconvolveCommand.RunJobAsync(_console, job, plan, cancellationToken).ConfigureAwait(false);
        await _console.Out.WriteLineAsync($"{DeconvolveCommand.Summary(plan, result, job)}; {iterations} iterations, background {DemoCamera.Offset} subtracted").ConfigureAwait(false);

        var correlations = await DemoReport.CorrelationsAsync(group, job.OutputPath, size, cancellationToken).ConfigureAwait(false);
        await _console.Out.WriteLineAsync("correlation with the ground truth   recorded   deconvolved").ConfigureAwait(false);
        for (int c = 0; c < correlations.Length; c++)
        {
            await _console.Out.WriteLineAsync($"  channel {c}                         {Formats.Number(correlations[c].Before, 3),8}   {Formats.Number(correlations[c].After, 3),11}").ConfigureAwait(false);
        }

        await _console.Out.WriteLineAsync($"open it: /usr/bin/python3 -c \"import zarr; print(zarr.open('{group}').tree())\"").ConfigureAwait(false);
        _console.Out.Flush();
        return ExitCodes.Success;
    }
}
