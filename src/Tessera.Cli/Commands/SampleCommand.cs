using System.CommandLine;
using System.Diagnostics;
using Tessera.Cli.Conversion;
using Tessera.Cli.Files;
using Tessera.Cli.Inspection;
using Tessera.Cli.Output;
using Tessera.Cli.Samples;
using Tessera.DataTypes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>tessera sample OUTPUT [--size small|medium]</c>: writes a deterministic synthetic light-sheet data
/// set, uint16 (channel, time, z, y, x), one volume per chunk, Blosc-LZ4 as zarr-python writes by default.
/// </summary>
internal sealed class SampleCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _output = new("OUTPUT") { Description = "The folder of the new array; must not exist (see --overwrite)." };

    private readonly Option<string> _size = new("--size")
    {
        Description = "small: (2, 3, 32, 128, 128), 6 MiB; medium: (2, 4, 64, 256, 256), 64 MiB.",
        DefaultValueFactory = _ => SampleSize.Small.Name,
    };

    private readonly Option<bool> _overwrite = new("--overwrite")
    {
        Description = "Replace an existing OUTPUT that is a Zarr array or group, once the new one is complete.",
    };

    public SampleCommand(CliConsole console)
        : base("sample", "Write a synthetic light-sheet-like uint16 Zarr v2 array (channel, time, z, y, x) to try Tessera without data.")
    {
        _console = console;
        _size.AcceptOnlyFromAmong(SampleSize.Names);
        Add(_output);
        Add(_size);
        Add(_overwrite);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var size = SampleSize.Parse(parse.GetRequiredValue(_size));
        var dataType = DataType.For<ushort>();
        var metadata = new ZarrV2Metadata
        {
            Shape = size.Shape,
            Chunks = [1, 1, .. size.VolumeShape],
            DataType = dataType,
            Compressor = CodecChoice.Create(CodecChoice.Default, null, null, dataType),
            FillValue = FillValue.Zero(dataType),
        };

        var clock = Stopwatch.StartNew();
        using var staged = StagedOutput.Begin(parse.GetRequiredValue(_output), parse.GetValue(_overwrite));
        var array = await ZarrArray.CreateAsync(new FileSystemStore(staged.StagingPath), "", metadata, writeMetadata: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        long volumes = size.Shape[0] * size.Shape[1];
        long bytes = array.Grid.ChunkCount * array.ChunkByteLength;
        await ChunkProgress.RunAsync(_console, "sample", volumes, bytes, async progress =>
        {
            await SampleWriter.WriteAsync(array, size, Environment.ProcessorCount, progress, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

        // Attributes and then .zarray last: until .zarray exists, no reader takes the folder for an array.
        await array.WriteAttributesAsync(SampleWriter.Attributes(size), cancellationToken).ConfigureAwait(false);
        await array.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        var stored = await StoredChunks.CountAsync(array, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        staged.Publish();
        clock.Stop();

        await _console.Out.WriteLineAsync(
            $"wrote sample '{size.Name}' {Tessera.Shapes.ShapeMath.Format<long>(size.Shape)} uint16 to '{staged.FinalPath}' in {Formats.Number(clock.Elapsed.TotalSeconds, 2)} s: " +
            $"{stored.Count} chunks, {Formats.Bytes(bytes)} of data, {Formats.Bytes(stored.Bytes)} stored").ConfigureAwait(false);
        _console.Out.Flush();
        return ExitCodes.Success;
    }
}
