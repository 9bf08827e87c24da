using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Tessera.Cli.Conversion;
using Tessera.Ngff;

namespace Tessera.Cli.Images;

/// <summary>
/// The output-format options that <c>convert</c> and <c>deconvolve</c> share: <c>--format</c>, <c>--shards</c>
/// and, for OME-Zarr, <c>--levels</c>, <c>--axes</c>, <c>--voxel-size</c>, <c>--unit</c> and <c>--ngff</c>.
/// </summary>
internal sealed class ImageOptions
{
    private readonly Option<string?> _format;

    private readonly Option<int[]?> _shards = new("--shards")
    {
        Description = "Zarr v3 only (zarr3, or ome-zarr with --ngff 0.5): store chunks in shards of this shape, a multiple of the chunks on each axis; the chunks become the shards' inner chunks (default: no shards).",
        HelpName = "a,b,c...",
        CustomParser = r => Sizes(r, "--shards"),
    };

    private readonly Option<int?> _levels = new("--levels") { Description = "ome-zarr: the number of pyramid levels, level 0 included (default: until the last level is at most 512 wide in y and x)." };

    private readonly Option<string?> _axes = new("--axes")
    {
        Description = "ome-zarr, tiff and ome-tiff from a plain array: the name of each INPUT dimension, in order, from t, c, z, y, x (e.g. c,t,z,y,x). The output is written in NGFF order (t, c, z, y, x).",
        HelpName = "c,t,z,y,x",
    };

    private readonly Option<double[]?> _voxelSize = new("--voxel-size")
    {
        Description = "ome-zarr and ome-tiff from a plain array or a TIFF without calibration: the voxel size along each space axis, in the order of --axes, in --unit (e.g. 2,0.5,0.5).",
        HelpName = "Z,Y,X",
        CustomParser = ParseVoxelSize,
    };

    private readonly Option<string> _unit = new("--unit") { Description = "ome-zarr: the unit of --voxel-size, a UDUNITS-2 name such as micrometer or nanometer.", DefaultValueFactory = _ => "micrometer" };

    private readonly Option<string?> _ngff = new("--ngff") { Description = "ome-zarr: the OME-NGFF version, 0.4 (Zarr v2, read by the most viewers) or 0.5 (Zarr v3) (default: an OME-Zarr INPUT's, else 0.4)." };

    /// <summary>Creates the options; <paramref name="formatDescription"/> describes <c>--format</c> and its default for the command.</summary>
    public ImageOptions(string formatDescription)
    {
        _format = new Option<string?>("--format") { Description = formatDescription };
        _format.AcceptOnlyFromAmong("zarr2", "zarr3", "ome-zarr", "tiff", "ome-tiff");
        _ngff.AcceptOnlyFromAmong("0.4", "0.5");
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(_format);
        command.Add(_shards);
        command.Add(_levels);
        command.Add(_axes);
        command.Add(_voxelSize);
        command.Add(_unit);
        command.Add(_ngff);
    }

    /// <summary>Reads the options; checks what can be checked without INPUT.</summary>
    /// <exception cref="UsageException">An option does not apply to the format, or is out of range.</exception>
    public ImageRequest Read(ParseResult parse)
    {
        var request = new ImageRequest
        {
            Format = parse.GetValue(_format) switch
            {
                "zarr2" => OutputFormat.Zarr2,
                "zarr3" => OutputFormat.Zarr3,
                "ome-zarr" => OutputFormat.OmeZarr,
                "tiff" => OutputFormat.Tiff,
                "ome-tiff" => OutputFormat.OmeTiff,
                _ => null,
            },
            Axes = parse.GetValue(_axes),
            VoxelSize = parse.GetValue(_voxelSize) is { Length: > 0 } v ? v : null,
            Unit = parse.GetRequiredValue(_unit),
            Version = parse.GetValue(_ngff) is { } text ? NgffVersionExtensions.Parse(text) : null,
            Levels = parse.GetValue(_levels),
            Shards = parse.GetValue(_shards) is { Length: > 0 } s ? s : null,
        };
        if (request.Levels is < 1)
        {
            throw new UsageException($"--levels {request.Levels} must be at least 1 (level 0 alone).");
        }

        return request;
    }

    /// <summary>
    /// Checks that the OME-only options are left out for <paramref name="format"/> (TIFF output takes <c>--axes</c> and
    /// <c>--voxel-size</c> but not <c>--levels</c> or <c>--ngff</c>), and <c>--shards</c> is given only for Zarr v3 output.
    /// </summary>
    /// <exception cref="UsageException">An option does not apply; the message says which format it needs.</exception>
    public static void CheckApplies(ImageRequest request, OutputFormat format, NgffVersion version)
    {
        if (format is OutputFormat.Tiff or OutputFormat.OmeTiff)
        {
            // TIFF output takes the axes and voxel size (they become OME-XML's), but has no levels, NGFF or shards.
            string? zarrOnly = request.Levels is not null ? "--levels" : request.Version is not null ? "--ngff" : request.Shards is not null ? "--shards" : null;
            if (zarrOnly is not null)
            {
                throw new UsageException($"{zarrOnly} does not apply to TIFF output; leave it out, or write --format ome-zarr.");
            }

            return;
        }

        if (format != OutputFormat.OmeZarr)
        {
            string? omeOnly = request.Levels is not null ? "--levels" : request.Axes is not null ? "--axes" : request.VoxelSize is not null ? "--voxel-size" : request.Version is not null ? "--ngff" : null;
            if (omeOnly is not null)
            {
                throw new UsageException($"{omeOnly} applies only to OME-Zarr output; add --format ome-zarr or leave it out.");
            }
        }

        if (request.Shards is not null && !ImageRequest.IsV3(format, version))
        {
            throw new UsageException(format == OutputFormat.OmeZarr
                ? "--shards needs Zarr v3, which OME-Zarr uses from NGFF 0.5 on; add --ngff 0.5 or leave out --shards."
                : "--shards needs Zarr v3; add --format zarr3 (or --format ome-zarr --ngff 0.5) or leave out --shards.");
        }
    }

    private static int[]? Sizes(ArgumentResult result, string option)
    {
        if (ChunkShapeParser.TryParse(result.Tokens[0].Value, option, out var sizes, out string error))
        {
            return sizes;
        }

        result.AddError(error);
        return null;
    }

    private static double[]? ParseVoxelSize(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out sizes[i]) || !double.IsFinite(sizes[i]) || sizes[i] <= 0)
            {
                result.AddError($"--voxel-size '{text}' is not a list of positive numbers: item {i + 1} is '{parts[i]}'. Write sizes separated by commas, e.g. --voxel-size 2,0.5,0.5.");
                return null;
            }
        }

        return sizes;
    }
}
