using System.CommandLine;
using System.Diagnostics;
using Tessera.Cli.Conversion;
using Tessera.Cli.Files;
using Tessera.Cli.Inspection;
using Tessera.Cli.Output;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>tessera convert INPUT OUTPUT</c>: re-encodes a Zarr v2 array with another codec and, optionally,
/// another chunk shape. See docs/CLI.md.
/// </summary>
internal sealed class ConvertCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _input = new("INPUT") { Description = "The folder of the Zarr v2 array to read." };
    private readonly Argument<string> _output = new("OUTPUT") { Description = "The folder of the new array; must not exist (see --overwrite)." };

    private readonly Option<string> _codec = new("--codec")
    {
        Description = "The compressor of OUTPUT. blosc-lz4 with level 5 and byte shuffle is zarr-python's default.",
        DefaultValueFactory = _ => CodecChoice.Default,
    };

    private readonly Option<int?> _level = new("--level")
    {
        Description = "Compression level: blosc 0-9 (default 5), zlib/gzip 0-9 (default 1), zstd up to 22 (default 1); for lz4, numcodecs' acceleration (default 1).",
    };

    private readonly Option<int[]?> _chunks = new("--chunks")
    {
        Description = "The chunk shape of OUTPUT as comma-separated sizes, one per dimension (default: INPUT's).",
        HelpName = "a,b,c...",
        CustomParser = ParseChunks,
    };

    private readonly Option<string?> _shuffle = new("--shuffle") { Description = "Blosc's shuffle filter (default byte)." };

    private readonly Option<bool> _overwrite = new("--overwrite")
    {
        Description = "Replace an existing OUTPUT that is a Zarr array or group. The old OUTPUT is deleted only after the new one is complete.",
    };

    public ConvertCommand(CliConsole console)
        : base("convert", "Re-encode a Zarr v2 array with another codec and chunk shape, chunk by chunk, into a new Zarr v2 array.")
    {
        _console = console;
        _codec.AcceptOnlyFromAmong(CodecChoice.Names);
        _shuffle.AcceptOnlyFromAmong(CodecChoice.ShuffleNames);
        Add(_input);
        Add(_output);
        Add(_codec);
        Add(_level);
        Add(_chunks);
        Add(_shuffle);
        Add(_overwrite);
        SetAction(RunAsync);
    }

    private static int[]? ParseChunks(System.CommandLine.Parsing.ArgumentResult result)
    {
        if (ChunkShapeParser.TryParse(result.Tokens[0].Value, out var chunks, out string error))
        {
            return chunks;
        }

        result.AddError(error);
        return null;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string inputPath = parse.GetRequiredValue(_input);
        string outputPath = parse.GetRequiredValue(_output);
        var input = await ZarrArray.OpenAsync(inputPath, cancellationToken).ConfigureAwait(false);
        PathRules.CheckSeparate(inputPath, outputPath);

        // Without --chunks, System.CommandLine yields an empty array rather than null.
        int[] chunks = parse.GetValue(_chunks) is { Length: > 0 } given ? given : input.ChunkShape.ToArray();
        ChunkShapeParser.CheckFits(chunks, input.Shape, input.DataType.ItemSize, input.Location);
        var compressor = CodecChoice.Create(parse.GetRequiredValue(_codec), parse.GetValue(_level), parse.GetValue(_shuffle), input.DataType);
        var metadata = (input.V2Metadata ?? throw new TesseraException($"'{input.Location}' is a Zarr v3 array; this command converts v2 arrays.")) with { Chunks = chunks, Compressor = compressor };

        var clock = Stopwatch.StartNew();
        using var staged = StagedOutput.Begin(outputPath, parse.GetValue(_overwrite));
        var output = await ZarrArray.CreateAsync(new FileSystemStore(staged.StagingPath), "", metadata, writeMetadata: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = await ChunkProgress.RunAsync(
            _console, "convert", output.Grid.ChunkCount, DecodedBytes(input),
            progress => ChunkConverter.RunAsync(input, output, Environment.ProcessorCount, progress, cancellationToken)).ConfigureAwait(false);

        // Attributes and then .zarray last: until .zarray exists, no reader takes the folder for an array.
        if (await input.Store.ExistsAsync(StoreKey.Join(input.Path, ZarrNode.AttributesKey), cancellationToken).ConfigureAwait(false))
        {
            await output.WriteAttributesAsync(await input.ReadAttributesAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        await output.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        var inputStored = await StoredChunks.CountAsync(input, cancellationToken).ConfigureAwait(false);
        var outputStored = await StoredChunks.CountAsync(output, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        staged.Publish();
        clock.Stop();

        await _console.Out.WriteLineAsync(Summary(result, inputStored, outputStored, clock.Elapsed, staged.FinalPath)).ConfigureAwait(false);
        _console.Out.Flush();
        return ExitCodes.Success;
    }

    private static long DecodedBytes(ZarrArray array) => ShapeMath.Product(array.Shape) * array.DataType.ItemSize;

    private static string Summary(ConversionResult result, StoredChunks input, StoredChunks output, TimeSpan elapsed, string path)
    {
        string skipped = result.ChunksSkipped > 0 ? $" ({result.ChunksSkipped} more held only the fill value and were not stored)" : "";
        string ratio = output.Bytes > 0 ? Formats.Number((double)result.DecodedBytes / output.Bytes, 2) : "n/a";
        return $"converted {result.ChunksWritten} chunks{skipped} to '{path}' in {Formats.Number(elapsed.TotalSeconds, 2)} s: " +
            $"{Formats.Bytes(result.DecodedBytes)} of data, input {Formats.Bytes(input.Bytes)}, output {Formats.Bytes(output.Bytes)}, ratio {ratio}";
    }
}
