namespace Tessera.Tiff.Metadata;

/// <summary>
/// The logical dimensions of a TIFF stack, from page 0's ImageJ or OME-XML metadata: sizes in (c, t, z, y, x) roles,
/// where each (c, t, z) plane is stored, the voxel size and the channel names.
/// </summary>
public sealed class TiffMetadata
{
    private readonly TiffPlane[] _planes;

    internal TiffMetadata(
        TiffMetadataKind kind, int sizeC, int sizeT, int sizeZ, int sizeY, int sizeX, TiffPlane[] planes,
        TiffVoxelSize voxelSize, IReadOnlyList<string?> channelNames, string? dimensionOrder)
    {
        Kind = kind;
        SizeC = sizeC;
        SizeT = sizeT;
        SizeZ = sizeZ;
        SizeY = sizeY;
        SizeX = sizeX;
        _planes = planes;
        VoxelSize = voxelSize;
        ChannelNames = channelNames;
        DimensionOrder = dimensionOrder;
        var axes = new List<TiffAxis>();
        if (sizeC > 1)
        {
            axes.Add(new TiffAxis("c", sizeC));
        }

        if (sizeT > 1)
        {
            axes.Add(new TiffAxis("t", sizeT));
        }

        axes.Add(new TiffAxis("z", sizeZ));
        axes.Add(new TiffAxis("y", sizeY));
        axes.Add(new TiffAxis("x", sizeX));
        Axes = axes.AsReadOnly();
        FileNames = planes.Select(p => p.FileName).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Where the dimensions came from.</summary>
    public TiffMetadataKind Kind { get; }

    /// <summary>Number of channels.</summary>
    public int SizeC { get; }

    /// <summary>Number of time points.</summary>
    public int SizeT { get; }

    /// <summary>Number of z planes.</summary>
    public int SizeZ { get; }

    /// <summary>Page height in pixels.</summary>
    public int SizeY { get; }

    /// <summary>Page width in pixels.</summary>
    public int SizeX { get; }

    /// <summary>The full shape (c, t, z, y, x).</summary>
    public int[] Shape => [SizeC, SizeT, SizeZ, SizeY, SizeX];

    /// <summary>The axes worth naming, in (c, t, z, y, x) order: c and t when longer than 1, then z, y and x always.</summary>
    public IReadOnlyList<TiffAxis> Axes { get; }

    /// <summary>The voxel size (z, y, x); 1 with a null unit where the file gives none.</summary>
    public TiffVoxelSize VoxelSize { get; }

    /// <summary>One name per channel (null where unnamed).</summary>
    public IReadOnlyList<string?> ChannelNames { get; }

    /// <summary>OME's DimensionOrder (e.g. <c>XYZCT</c>), ImageJ's <c>XYCZT</c>, or null for a plain stack.</summary>
    public string? DimensionOrder { get; }

    /// <summary>The names of the files holding the planes (more than one for a multi-file OME-TIFF set).</summary>
    public IReadOnlyList<string> FileNames { get; }

    /// <summary>Where plane (<paramref name="c"/>, <paramref name="t"/>, <paramref name="z"/>) is stored.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the stack.</exception>
    public TiffPlane GetPlane(int c, int t, int z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(c, SizeC);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, SizeT);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, SizeZ);
        return _planes[(((c * SizeT) + t) * SizeZ) + z];
    }

    /// <summary>Reads the metadata of <paramref name="file"/>'s page 0 and checks it against the file's pages.</summary>
    /// <exception cref="TiffFormatException">The metadata is malformed or names pages the file does not have.</exception>
    public static TiffMetadata Read(TiffFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string? description = file.ImageDescription;
        string name = System.IO.Path.GetFileName(file.Path);
        TiffMetadata metadata;
        if (description is not null && description.StartsWith("ImageJ=", StringComparison.Ordinal))
        {
            metadata = ImageJDescription.Parse(file, description);
        }
        else if (description is not null && OmeXml.LooksLikeOme(description))
        {
            metadata = OmeXml.Parse(file, description);
        }
        else
        {
            var planes = Enumerable.Range(0, file.Pages).Select(p => new TiffPlane(name, p)).ToArray();
            metadata = new TiffMetadata(TiffMetadataKind.Plain, 1, 1, file.Pages, file.PageShape.Y, file.PageShape.X,
                planes, ResolutionVoxelSize(file), [null], null);
        }

        metadata.CheckAgainst(file, name);
        return metadata;
    }

    /// <summary>Pixel size from the resolution tags in inches or centimetres, converted to micrometres.</summary>
    internal static TiffVoxelSize ResolutionVoxelSize(TiffFile file)
    {
        double perUnit = file.ResolutionUnit switch { 2 => 25_400, 3 => 10_000, _ => 0 };
        if (perUnit == 0 || file.XResolution is not > 0 || file.YResolution is not > 0)
        {
            return new TiffVoxelSize(1, 1, 1, null);
        }

        return new TiffVoxelSize(1, perUnit / file.YResolution.Value, perUnit / file.XResolution.Value, "micrometer");
    }

    private void CheckAgainst(TiffFile file, string name)
    {
        if (SizeY != file.PageShape.Y || SizeX != file.PageShape.X)
        {
            throw new TiffFormatException(
                $"The {Kind} metadata of '{file.Path}' says planes are {SizeY}×{SizeX} (y×x), but its pages are " +
                $"{file.PageShape.Y}×{file.PageShape.X}.");
        }

        for (int i = 0; i < _planes.Length; i++)
        {
            var plane = _planes[i];
            if (plane.FileName == name && plane.Page >= file.Pages)
            {
                int z = i % SizeZ, t = i / SizeZ % SizeT, c = i / SizeZ / SizeT;
                throw new TiffFormatException(
                    $"The {Kind} metadata of '{file.Path}' puts plane (c {c}, t {t}, z {z}) on page {plane.Page}, " +
                    $"but the file has only {file.Pages} pages; it may be truncated or its metadata wrong.");
            }
        }
    }
}
