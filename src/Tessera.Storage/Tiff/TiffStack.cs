using Tessera.DataTypes;
using Tessera.Tiff.Metadata;

namespace Tessera.Tiff;

/// <summary>
/// A logical 5-D (c, t, z, y, x) image over one TIFF file or a multi-file OME-TIFF set (files named by
/// <c>UUID FileName</c> in the first file's folder). Opening checks every file's pages against the metadata;
/// <see cref="ReadPlanes"/> decodes only the planes asked for. Thread-safe.
/// </summary>
public sealed class TiffStack : IDisposable
{
    private readonly Dictionary<string, TiffFile> _files;

    private TiffStack(TiffMetadata metadata, Dictionary<string, TiffFile> files, TiffFile first)
    {
        Metadata = metadata;
        _files = files;
        DataType = first.DataType;
    }

    /// <summary>Dimensions, plane mapping, voxel size and channel names.</summary>
    public TiffMetadata Metadata { get; }

    /// <summary>The shape (c, t, z, y, x).</summary>
    public int[] Shape => Metadata.Shape;

    /// <summary>The element type, in this machine's byte order.</summary>
    public DataType DataType { get; }

    /// <summary>Bytes of one decoded plane.</summary>
    public long PlaneByteCount => (long)Metadata.SizeY * Metadata.SizeX * DataType.ItemSize;

    /// <summary>The open files by name (one, or each file of a multi-file set).</summary>
    public IReadOnlyDictionary<string, TiffFile> Files => _files;

    /// <summary>Opens <paramref name="path"/> and every file its metadata references, and checks them.</summary>
    /// <exception cref="FileNotFoundException"><paramref name="path"/> does not exist.</exception>
    /// <exception cref="TiffFormatException">
    /// A referenced file is missing, a file's pages differ in size or type, or the metadata names pages that do not exist.
    /// </exception>
    public static TiffStack Open(string path)
    {
        var first = TiffFile.Open(path);
        var files = new Dictionary<string, TiffFile>(StringComparer.Ordinal) { [System.IO.Path.GetFileName(path)] = first };
        try
        {
            var metadata = first.Metadata;
            string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
            foreach (string name in metadata.FileNames)
            {
                if (!files.ContainsKey(name))
                {
                    files[name] = OpenMember(path, folder, name, first);
                }
            }

            CheckPages(metadata, files);
            return new TiffStack(metadata, files, first);
        }
        catch
        {
            foreach (var file in files.Values)
            {
                file.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Decodes planes z = <paramref name="zStart"/> … <paramref name="zStart"/> + <paramref name="zCount"/> − 1 of
    /// channel <paramref name="c"/> and time point <paramref name="t"/> into <paramref name="destination"/>, C order
    /// (z, y, x), in this machine's byte order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the stack.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="TiffFormatException">A page cannot be decoded.</exception>
    public void ReadPlanes(int c, int t, int zStart, int zCount, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(zCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(zStart + zCount, Metadata.SizeZ, nameof(zCount));
        long needed = PlaneByteCount * zCount;
        if (destination.Length < needed)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {zCount} planes need {needed}.", nameof(destination));
        }

        int planeBytes = checked((int)PlaneByteCount);
        int z = 0;
        while (z < zCount)
        {
            // Consecutive pages of one file are read in one call.
            var plane = Metadata.GetPlane(c, t, zStart + z);
            int run = 1;
            while (z + run < zCount && Metadata.GetPlane(c, t, zStart + z + run) == plane with { Page = plane.Page + run })
            {
                run++;
            }

            _files[plane.FileName].ReadPages(plane.Page, run, destination.Slice(z * planeBytes, run * planeBytes));
            z += run;
        }
    }

    /// <summary>Closes every file.</summary>
    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }
    }

    private static TiffFile OpenMember(string path, string folder, string name, TiffFile first)
    {
        string member = System.IO.Path.Combine(folder, name);
        if (name.IndexOfAny(['/', '\\']) >= 0 || !File.Exists(member))
        {
            throw new TiffFormatException(
                $"The OME-XML in '{path}' references '{name}' (TiffData UUID FileName), which is not in '{folder}'. " +
                "Keep every file of a multi-file OME-TIFF set in one folder, under the names the metadata gives.");
        }

        var file = TiffFile.Open(member);
        if (file.PageShape != first.PageShape || file.DataType != first.DataType)
        {
            file.Dispose();
            throw new TiffFormatException(
                $"'{member}' has {file.PageShape.Y}×{file.PageShape.X} {file.DataType.Name} pages, but '{path}' has " +
                $"{first.PageShape.Y}×{first.PageShape.X} {first.DataType.Name}; all files of a set must match.");
        }

        return file;
    }

    private static void CheckPages(TiffMetadata metadata, Dictionary<string, TiffFile> files)
    {
        for (int c = 0; c < metadata.SizeC; c++)
        {
            for (int t = 0; t < metadata.SizeT; t++)
            {
                for (int z = 0; z < metadata.SizeZ; z++)
                {
                    var plane = metadata.GetPlane(c, t, z);
                    var file = files[plane.FileName];
                    if (plane.Page >= file.Pages)
                    {
                        throw new TiffFormatException(
                            $"The metadata puts plane (c {c}, t {t}, z {z}) on page {plane.Page} of '{file.Path}', " +
                            $"which has only {file.Pages} pages.");
                    }
                }
            }
        }
    }
}
