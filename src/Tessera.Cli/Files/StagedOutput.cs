using Tessera.Zarr;
using Tessera.Zarr.V3;

namespace Tessera.Cli.Files;

/// <summary>
/// An output folder that is written under a hidden name beside its final path and renamed into place
/// only when complete. A failed or cancelled run leaves nothing behind (the staging folder and any
/// parent folders it created are removed on dispose), and with <c>--overwrite</c> an existing output is
/// replaced only after the new one is complete.
/// </summary>
internal sealed class StagedOutput : IDisposable
{
    private const string StagingSuffix = ".tessera-partial";
    private readonly string? _createdRoot;
    private bool _published;

    private StagedOutput(string finalPath, string stagingPath, string? createdRoot)
    {
        FinalPath = finalPath;
        StagingPath = stagingPath;
        _createdRoot = createdRoot;
    }

    /// <summary>Where the output will be once published.</summary>
    public string FinalPath { get; }

    /// <summary>The folder to write into.</summary>
    public string StagingPath { get; }

    /// <summary>Checks <paramref name="path"/> and creates the staging folder beside it.</summary>
    /// <param name="path">The output folder.</param>
    /// <param name="overwrite">Whether an existing Zarr array or group (or empty folder) at <paramref name="path"/> may be replaced.</param>
    /// <exception cref="TesseraException">The output exists and may not be replaced.</exception>
    public static StagedOutput Begin(string path, bool overwrite)
    {
        string final = PathRules.Normalize(path);
        CheckReplaceable(final, overwrite);
        string parent = Path.GetDirectoryName(final)
            ?? throw new UsageException($"OUTPUT '{final}' is a filesystem root; choose a folder to create.");
        string? createdRoot = TopmostMissing(parent);
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(final)}.{Guid.NewGuid():N}{StagingSuffix}");
        Directory.CreateDirectory(staging);
        return new StagedOutput(final, staging, createdRoot);
    }

    /// <summary>Moves the complete output into place, replacing an existing one (checked at <see cref="Begin"/>).</summary>
    public void Publish()
    {
        if (!Directory.Exists(FinalPath))
        {
            Directory.Move(StagingPath, FinalPath);
            _published = true;
            return;
        }

        // Replace: set the old output aside, move the new one in, then delete the old one.
        string aside = Path.Combine(Path.GetDirectoryName(FinalPath)!, $".{Path.GetFileName(FinalPath)}.{Guid.NewGuid():N}.tessera-replaced");
        Directory.Move(FinalPath, aside);
        try
        {
            Directory.Move(StagingPath, FinalPath);
        }
        catch
        {
            Directory.Move(aside, FinalPath);
            throw;
        }

        _published = true;
        TryDelete(aside, recursive: true);
    }

    /// <summary>Removes the staging folder, and the parents <see cref="Begin"/> created, unless published.</summary>
    public void Dispose()
    {
        if (_published)
        {
            return;
        }

        TryDelete(StagingPath, recursive: true);
        if (_createdRoot is not null)
        {
            // Only folders this run created, and only while empty: never someone else's files.
            for (string? folder = Path.GetDirectoryName(StagingPath); folder is not null && folder.Length >= _createdRoot.Length; folder = Path.GetDirectoryName(folder))
            {
                TryDelete(folder, recursive: false);
            }
        }
    }

    private static void CheckReplaceable(string final, bool overwrite)
    {
        bool exists = Directory.Exists(final) || File.Exists(final);
        if (!exists)
        {
            return;
        }

        if (!overwrite)
        {
            throw new TesseraException($"'{final}' already exists. Choose another OUTPUT, or pass --overwrite to replace it.");
        }

        bool replaceable = Directory.Exists(final) &&
            (File.Exists(Path.Combine(final, ZarrV2Metadata.ArrayKey)) ||
             File.Exists(Path.Combine(final, ZarrNode.GroupKey)) ||
             File.Exists(Path.Combine(final, ZarrV3Node.MetadataKey)) ||
             !Directory.EnumerateFileSystemEntries(final).Any());
        if (!replaceable)
        {
            throw new TesseraException($"'{final}' exists and is not a Zarr array or group; --overwrite only replaces Zarr output. Remove it yourself or choose another OUTPUT.");
        }
    }

    private static string? TopmostMissing(string folder)
    {
        string? missing = null;
        for (string? f = folder; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
        {
            missing = f;
        }

        return missing;
    }

    private static void TryDelete(string folder, bool recursive)
    {
        try
        {
            Directory.Delete(folder, recursive);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden folder must not mask the error that caused the cleanup.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
