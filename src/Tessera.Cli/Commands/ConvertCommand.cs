using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Tessera.Cli.Conversion;
using Tessera.Cli.Files;
using Tessera.Cli.Images;
using Tessera.Cli.Inspection;
using Tessera.Cli.Output;
using Tessera.Ngff;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Tiff.Writing;
using Tessera.Zarr;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs.Sharding;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>tessera convert INPUT OUTPUT</c>: re-encodes a Zarr array (v2 or v3, or an OME-Zarr image's level 0) or a
/// TIFF file or series as a Zarr v2 or v3 array with another codec and chunk (and shard) shape, or writes it as an
/// OME-Zarr multiscale image or a (OME-)TIFF file. See docs/CLI.md.
/// </summary>
internal sealed class ConvertCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _input = new("INPUT") { Description = "The folder of the Zarr array (v2 or v3) to read, or of an OME-Zarr image (its level 0 is read); or a TIFF file (.tif, .tiff: plain, ImageJ or OME-TIFF), or a pattern of z-stack files naming {c} and/or {t}, such as raw/ch{c}_t{t:03}.tif, read as (c, t, z, y, x)." };
    private readonly Argument<string> _output = new("OUTPUT") { Description = "The folder of the new array, or a .tif file for TIFF output; must not exist (see --overwrite)." };

    private readonly Option<string> _codec = new("--codec")
    {
        Description = "The compressor of OUTPUT. blosc-lz4 with level 5 and byte shuffle is zarr-python's default. Zarr v3 output (zarr3, ome-zarr --ngff 0.5) takes none, gzip, zstd, blosc-lz4 or blosc-zstd; TIFF output takes none (its default) or deflate.",
        DefaultValueFactory = _ => CodecChoice.Default,
    };

    private readonly Option<int?> _level = new("--level")
    {
        Description = "Compression level: blosc 0-9 (default 5), zlib/gzip 0-9 (default 1), zstd up to 22 (default 1); for lz4, numcodecs' acceleration (default 1).",
    };

    private readonly Option<int[]?> _chunks = new("--chunks")
    {
        Description = "The chunk shape of OUTPUT as comma-separated sizes, one per dimension (default: INPUT's; for ome-zarr, in NGFF order t,c,z,y,x, default 1 along t and c, up to 64 along z and 256 along y and x).",
        HelpName = "a,b,c...",
        CustomParser = ParseChunks,
    };

    private readonly ImageOptions _image = new("The output: zarr2 (Zarr v2 array, the default), zarr3 (Zarr v3 array), ome-zarr (OME-Zarr multiscale image), tiff (multi-page TIFF) or ome-tiff (OME-TIFF, the default when OUTPUT ends in .tif or .tiff).");

    private readonly Option<string?> _shuffle = new("--shuffle") { Description = "Blosc's shuffle filter (default byte)." };

    private readonly Option<bool> _overwrite = new("--overwrite")
    {
        Description = "Replace an existing OUTPUT that is a Zarr array or group. The old OUTPUT is deleted only after the new one is complete.",
    };

    public ConvertCommand(CliConsole console)
        : base("convert", "Re-encode a Zarr array with another codec and chunk shape into a new Zarr v2 or v3 array, or write it as an OME-Zarr multiscale image.")
    {
        _console = console;
        _codec.AcceptOnlyFromAmong([.. CodecChoice.Names, "deflate"]);
        _shuffle.AcceptOnlyFromAmong(CodecChoice.ShuffleNames);
        Add(_input);
        Add(_output);
        Add(_codec);
        Add(_level);
        Add(_chunks);
        Add(_shuffle);
        Add(_overwrite);
        _image.AddTo(this);
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
        var request = _image.Read(parse);
        bool tiffIn = TiffInput.IsTiff(inputPath) && !Directory.Exists(inputPath);
        var tiff = tiffIn ? TiffInput.Open(inputPath, "INPUT") : null;
        var input = tiffIn ? null : await InputImage.OpenAsync(inputPath, "INPUT", cancellationToken).ConfigureAwait(false);
        PathRules.CheckSeparate(inputPath, outputPath);
        var format = request.Format ?? (TiffInput.IsTiffName(outputPath) ? OutputFormat.OmeTiff : OutputFormat.Zarr2);
        ImageOptions.CheckApplies(request, format, request.Version ?? input?.Image?.Version ?? NgffVersion.V0_4);
        int[]? givenChunks = parse.GetValue(_chunks) is { Length: > 0 } given ? given : null;
        string codec = parse.GetRequiredValue(_codec);
        int? level = parse.GetValue(_level);
        string? shuffle = parse.GetValue(_shuffle);
        if (format is OutputFormat.Tiff or OutputFormat.OmeTiff)
        {
            // --codec defaults to zarr-python's blosc-lz4, which TIFF lacks; left out, TIFF pages are uncompressed.
            bool codecGiven = parse.GetResult(_codec) is { Implicit: false };
            return await WriteTiffAsync(parse, tiff, input, request, format, codecGiven ? codec : "none", level, shuffle, givenChunks, outputPath, cancellationToken).ConfigureAwait(false);
        }

        if (codec == "deflate")
        {
            throw new UsageException("--codec deflate is for TIFF output; for Zarr use zlib or gzip.");
        }

        var clock = Stopwatch.StartNew();
        using var staged = StagedOutput.Begin(outputPath, parse.GetValue(_overwrite));
        var choices = new OmeZarrConversion.Choices(codec, level, shuffle, givenChunks);
        if (format == OutputFormat.OmeZarr)
        {
            var (written, shape) = tiff is not null
                ? await OmeZarrConversion.RunAsync(_console, tiff, request, choices, staged.StagingPath, cancellationToken).ConfigureAwait(false)
                : await OmeZarrConversion.RunAsync(_console, input!, request, choices, staged.StagingPath, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            staged.Publish();
            await _console.Out.WriteLineAsync(OmeZarrConversion.Summary(written, shape, clock.Elapsed, staged.FinalPath)).ConfigureAwait(false);
            _console.Out.Flush();
            return ExitCodes.Success;
        }

        if (tiff is not null)
        {
            var zarr = await TiffToZarrConversion.RunAsync(_console, tiff, format, request, choices, staged.StagingPath, cancellationToken).ConfigureAwait(false);
            var stored = await StoredChunks.CountAsync(await ZarrArray.OpenAsync(staged.StagingPath, cancellationToken: cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            staged.Publish();
            await _console.Out.WriteLineAsync(TiffToZarrConversion.Summary(tiff, zarr, stored.Bytes, clock.Elapsed, staged.FinalPath)).ConfigureAwait(false);
            _console.Out.Flush();
            return ExitCodes.Success;
        }

        Debug.Assert(input is not null, "A Zarr INPUT is open when the TIFF branches have returned.");
        var source = input.Array;
        var attributes = await source.ReadAttributesAsync(cancellationToken).ConfigureAwait(false);
        var store = new FileSystemStore(staged.StagingPath);
        var output = format == OutputFormat.Zarr3
            ? await CreateV3Async(store, input, attributes, givenChunks, request.Shards, CodecChoice.CreateV3(codec, level, shuffle, source.DataType, "--format zarr3"), cancellationToken).ConfigureAwait(false)
            : await CreateV2Async(store, source, givenChunks, CodecChoice.Create(codec, level, shuffle, source.DataType), cancellationToken).ConfigureAwait(false);
        var result = await ChunkProgress.RunAsync(
            _console, "convert", output.Grid.ChunkCount, DecodedBytes(source),
            progress => ChunkConverter.RunAsync(source, output, Environment.ProcessorCount, progress, cancellationToken)).ConfigureAwait(false);

        // v2: attributes and then .zarray last, so that until .zarray exists no reader takes the folder for an
        // array. v3 keeps the attributes inside zarr.json, written last.
        if (output.Format == ZarrFormat.V2 && (attributes.Count > 0 || await source.Store.ExistsAsync(StoreKey.Join(source.Path, ZarrNode.AttributesKey), cancellationToken).ConfigureAwait(false)))
        {
            await output.WriteAttributesAsync(attributes, cancellationToken).ConfigureAwait(false);
        }

        await output.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        var inputStored = await StoredChunks.CountAsync(source, cancellationToken).ConfigureAwait(false);
        var outputStored = await StoredChunks.CountAsync(output, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        staged.Publish();
        clock.Stop();

        await _console.Out.WriteLineAsync(Summary(result, inputStored, outputStored, clock.Elapsed, staged.FinalPath)).ConfigureAwait(false);
        _console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>Writes INPUT as a TIFF or OME-TIFF file; OUTPUT must end in .tif or .tiff and is replaced only with --overwrite.</summary>
    private async Task<int> WriteTiffAsync(
        ParseResult parse, TiffInput? tiff, InputImage? input, ImageRequest request, OutputFormat format, string codec, int? level, string? shuffle, int[]? chunks, string outputPath, CancellationToken cancellationToken)
    {
        string? notForTiff = level is not null ? "--level" : shuffle is not null ? "--shuffle" : chunks is not null ? "--chunks" : null;
        if (notForTiff is not null)
        {
            throw new UsageException($"{notForTiff} does not apply to TIFF output, which stores whole pages; leave it out.");
        }

        var compression = codec switch
        {
            "none" => TiffCompression.None,
            "deflate" => TiffCompression.Deflate,
            _ => throw new UsageException($"--codec {codec} is not available for TIFF output; use none or deflate."),
        };
        if (!TiffInput.IsTiffName(outputPath))
        {
            throw new UsageException($"OUTPUT '{outputPath}' must end in .tif or .tiff (.ome.tif for OME-TIFF) for --format {(format == OutputFormat.OmeTiff ? "ome-tiff" : "tiff")}.");
        }

        if (Directory.Exists(outputPath) || (File.Exists(outputPath) && !parse.GetValue(_overwrite)))
        {
            throw new UsageException(Directory.Exists(outputPath)
                ? $"OUTPUT '{outputPath}' is a folder; name a .tif file."
                : $"OUTPUT '{outputPath}' exists; pass --overwrite to replace it (the old file is kept until the new one is complete).");
        }

        var clock = Stopwatch.StartNew();
        var source = tiff is not null ? TiffConversion.FromTiff(tiff, request) : TiffConversion.FromZarr(input!, request);
        bool ome = format == OutputFormat.OmeTiff;
        await TiffConversion.WriteAsync(_console, source, outputPath, ome, compression, cancellationToken).ConfigureAwait(false);
        await _console.Out.WriteLineAsync(TiffConversion.Summary(source, ome, clock.Elapsed, outputPath)).ConfigureAwait(false);
        _console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>The v2 output array (metadata not yet written): INPUT's shape, data type and fill value, with the new chunks and compressor.</summary>
    private static async Task<ZarrArray> CreateV2Async(IStore store, ZarrArray input, int[]? givenChunks, JsonObject? compressor, CancellationToken cancellationToken)
    {
        int[] chunks = givenChunks ?? [.. input.InnerChunkShape ?? [.. input.ChunkShape]];
        ChunkShapeParser.CheckFits(chunks, input.Shape, input.DataType.ItemSize, input.Location);
        var metadata = new ZarrV2Metadata
        {
            Shape = input.Shape.ToArray(),
            Chunks = chunks,
            DataType = input.DataType,
            Compressor = compressor,
            FillValue = input.V2Metadata?.FillValue ?? FillValue.Parse(input.V3Metadata!.FillValue.Json, input.DataType),
            Order = input.V2Metadata?.Order ?? MemoryOrder.C,
            DimensionSeparator = input.V2Metadata?.DimensionSeparator ?? '.',
        };
        return await ZarrArray.CreateAsync(store, "", metadata, writeMetadata: false, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The v3 output array (metadata not yet written). Without --chunks and --shards, a sharded INPUT keeps its
    /// inner chunks and shards; dimension names come from INPUT's, or from an OME-Zarr INPUT's axes.
    /// </summary>
    private static async Task<ZarrArray> CreateV3Async(IStore store, InputImage image, JsonObject attributes, int[]? givenChunks, int[]? shards, IReadOnlyList<V3Codec> codecs, CancellationToken cancellationToken)
    {
        var input = image.Array;
        bool keep = givenChunks is null && shards is null;
        int[] chunks = givenChunks ?? [.. input.InnerChunkShape ?? [.. input.ChunkShape]];
        if (keep && !input.WholeChunksFit)
        {
            throw new UsageException(
                $"INPUT '{input.Location}' has shards {ShapeMath.Format(input.ChunkShape)} of {input.ChunkByteCount} bytes decoded, larger than Tessera can write whole ({Array.MaxLength} bytes), " +
                "so its shards cannot be kept; give --shards with smaller shards (multiples of the chunks), or --chunks for an unsharded output.");
        }

        shards ??= keep && input.InnerChunkShape is not null ? input.ChunkShape.ToArray() : null;
        ChunkShapeParser.CheckFits(chunks, input.Shape, input.DataType.ItemSize, input.Location);
        if (shards is not null)
        {
            ChunkShapeParser.CheckFits(shards, input.Shape, input.DataType.ItemSize, input.Location, "--shards");
            ChunkShapeParser.CheckShards(shards, chunks);
        }

        var metadata = new ZarrV3Metadata
        {
            Shape = input.Shape.ToArray(),
            ChunkShape = shards ?? chunks,
            DataType = input.DataType,
            FillValue = V3FillValue.Parse(input.V3Metadata?.FillValue.Json ?? input.V2Metadata!.FillValue.Json ?? JsonValue.Create(0), input.DataType),
            Codecs = shards is null ? codecs : [ShardingCodec.Describe(chunks, codecs)],
            DimensionNames = input.DimensionNames ?? image.Multiscale?.Axes.Select(a => (string?)a.Name).ToArray(),
            Attributes = attributes,
        };
        return await ZarrArray.CreateAsync(store, "", metadata, writeMetadata: false, cancellationToken).ConfigureAwait(false);
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
