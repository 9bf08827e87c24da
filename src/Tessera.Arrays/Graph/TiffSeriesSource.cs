using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Tiff;
using Tessera.Tiff.Metadata;

namespace Tessera.Arrays.Graph;

/// <summary>
/// A folder of z-stacks, one TIFF file per channel and time point, named by a <see cref="TiffSeriesPattern"/>, as one
/// (C, T, Z, Y, X) source chunked one file per block (1, 1, Z, Y, X). Every file was checked when the series was
/// opened; a read opens just the files its region covers (reading only their directories and the pages it needs),
/// so a series of thousands of files holds no handles between blocks.
/// </summary>
internal sealed class TiffSeriesSource : LazyArray
{
    private readonly string _pattern;
    private readonly string[] _files;
    private readonly int[] _volume;

    private TiffSeriesSource(string pattern, string[] files, int sizeC, int sizeT, int[] volume, DataType dataType, TiffMetadata first)
        : base([sizeC, sizeT, volume[0], volume[1], volume[2]], dataType, [1, 1, volume[0], volume[1], volume[2]], [])
    {
        _pattern = pattern;
        _files = files;
        _volume = volume;
        FirstMetadata = first;
    }

    /// <summary>The metadata of the first file (c 0, t 0).</summary>
    public TiffMetadata FirstMetadata { get; }

    /// <summary>The files (full paths) in C order: file (c, t) is at <c>c·T + t</c>.</summary>
    public IReadOnlyList<string> Files => _files;

    public override string NodeKind => "tiff-series";

    /// <summary>Finds and checks the files of <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">The pattern is malformed.</exception>
    /// <exception cref="DirectoryNotFoundException">The pattern's folder does not exist.</exception>
    /// <exception cref="TiffFormatException">No file matches, a file is missing, or a file is not a z-stack like the first.</exception>
    public static TiffSeriesSource Open(string pattern)
    {
        var parsed = TiffSeriesPattern.Parse(pattern);
        string folder = Path.GetFullPath(parsed.Directory);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder '{parsed.Directory}' of the pattern '{pattern}' does not exist.");
        }

        var found = new Dictionary<(int C, int T), string>();
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            if (parsed.Match(Path.GetFileName(file)) is { } index)
            {
                found[index] = file;
            }
        }

        if (found.Count == 0)
        {
            throw new TiffFormatException(
                $"No file in '{parsed.Directory}' matches the pattern '{pattern}'. Check the folder and the names; " +
                "zero-padded numbers need the width, e.g. {t:03} for t007.");
        }

        int c0 = found.Keys.Min(k => k.C), c1 = found.Keys.Max(k => k.C);
        int t0 = found.Keys.Min(k => k.T), t1 = found.Keys.Max(k => k.T);
        int sizeC = c1 - c0 + 1, sizeT = t1 - t0 + 1;
        var files = new string[sizeC * sizeT];
        for (int c = 0; c < sizeC; c++)
        {
            for (int t = 0; t < sizeT; t++)
            {
                if (!found.TryGetValue((c0 + c, t0 + t), out string? file))
                {
                    throw new TiffFormatException(
                        $"{parsed.Format(c0 + c, t0 + t)} is missing: the pattern matched {Range(parsed.HasC, "c", c0, c1)}{(parsed.HasC && parsed.HasT ? " and " : string.Empty)}" +
                        $"{Range(parsed.HasT, "t", t0, t1)}, and a series needs every combination. Restore the file or move the others out of the folder.");
                }

                files[(c * sizeT) + t] = file;
            }
        }

        var (volume, dataType, first) = Check(files);
        return new TiffSeriesSource(Path.Combine(folder, Path.GetFileName(pattern)), files, sizeC, sizeT, volume, dataType, first);
    }

    internal override JsonObject Describe() => new()
    {
        ["node"] = NodeKind,
        ["pattern"] = _pattern,
        ["files"] = new JsonArray(_files.Select(f => (JsonNode)Path.GetFileName(f)).ToArray()),
        ["stored"] = new JsonObject
        {
            ["dtype"] = DataType.TypeString,
            ["shape"] = new JsonArray(_volume.Select(s => (JsonNode)s).ToArray()),
        },
    };

    internal override ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context) =>
        ValueTask.FromResult(TiffRegion.ReadVolumes(DataType, shape, context.CancellationToken, (c, t, volume) =>
        {
            // Each block opens only its own file, so a long series holds no handles between blocks.
            using var stack = OpenChecked(_files[((origin[0] + c) * Shape[1]) + origin[1] + t]);
            TiffRegion.Read(stack, 0, 0, (int)origin[2], shape[2], (int)origin[3], shape[3], (int)origin[4], shape[4], volume, context.CancellationToken);
        }));

    // The region, one plane of scratch for a cropped window, and LibTiff.NET's strip buffer (at most a plane).
    internal override long RegionWorkingSet(int[] shape) => RegionBytes(shape) + (2L * _volume[1] * _volume[2] * DataType.ItemSize);

    private static string Range(bool present, string axis, int first, int last) =>
        !present ? string.Empty : first == last ? $"{axis} {first}" : $"{axis} {first}..{last}";

    /// <summary>
    /// Opens every file (reading its directories, which checks every page) and compares each with the first. The files
    /// are checked on all cores: reading directories costs about as much CPU per file as a block's conversion work
    /// does per second of disk (LibTiff.NET sets up each directory afresh), and nothing else can run before it ends.
    /// </summary>
    private static (int[] Volume, DataType DataType, TiffMetadata First) Check(string[] files)
    {
        int[] volume;
        DataType dataType;
        TiffMetadata first;
        using (var stack = TiffStack.Open(files[0]))
        {
            CheckOneVolume(files[0], stack.Shape);
            (volume, dataType, first) = ([stack.Shape[2], stack.Shape[3], stack.Shape[4]], stack.DataType, stack.Metadata);
        }

        var errors = new Exception?[files.Length];
        Parallel.For(1, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, loop) =>
        {
            try
            {
                using var stack = TiffStack.Open(files[i]);
                CheckOneVolume(files[i], stack.Shape);
                int[] zyx = [stack.Shape[2], stack.Shape[3], stack.Shape[4]];
                if (!zyx.SequenceEqual(volume) || stack.DataType != dataType)
                {
                    throw new TiffFormatException(
                        $"'{files[i]}' holds {zyx[0]} pages of {zyx[1]}×{zyx[2]} {stack.DataType.Name} (z, y, x = {zyx[0]}, {zyx[1]}, {zyx[2]}), " +
                        $"but '{files[0]}' holds {volume[0]} pages of {volume[1]}×{volume[2]} {dataType.Name}; every file of a series must be " +
                        "a z-stack of the same shape and type.");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Break, not Stop: the files before this one are still checked, so the error reported is the first in order.
                errors[i] = e;
                loop.Break();
            }
        });

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        return (volume, dataType, first);
    }

    private static void CheckOneVolume(string file, int[] shape)
    {
        if (shape[0] != 1 || shape[1] != 1)
        {
            throw new TiffFormatException(
                $"'{file}' holds {shape[0]} channels and {shape[1]} time points; each file of a series must be one z-stack " +
                "(a plain stack, or an ImageJ/OME file of one channel and one time point). Open a multi-channel file with OpenTiff.");
        }
    }

    private TiffStack OpenChecked(string file)
    {
        var stack = TiffStack.Open(file);
        if (stack.Shape[0] != 1 || stack.Shape[1] != 1 || stack.Shape[2] != _volume[0] || stack.Shape[3] != _volume[1] || stack.Shape[4] != _volume[2] || stack.DataType != DataType)
        {
            stack.Dispose();
            throw new TiffFormatException(
                $"'{file}' changed since the series was opened: it now holds ({string.Join(", ", stack.Shape)}) {stack.DataType.Name} " +
                $"(c, t, z, y, x), not (1, 1, {string.Join(", ", _volume)}) {DataType.Name}. Open the series again.");
        }

        return stack;
    }
}
