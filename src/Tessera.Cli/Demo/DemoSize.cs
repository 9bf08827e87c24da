namespace Tessera.Cli.Demo;

/// <summary>
/// The shape of a <c>tessera demo</c> data set: channels, time points, the (z, y, x) volume, the
/// (z, y, x) PSF and how many objects each channel's ground truth holds. The presets are
/// <see cref="Small"/> and <see cref="Medium"/>; tests make tiny ones.
/// </summary>
/// <param name="Name">The <c>--size</c> value, recorded in the data set's attributes.</param>
/// <param name="Channels">The number of channels, at least 1.</param>
/// <param name="Times">The number of time points, at least 1.</param>
/// <param name="VolumeShape">(z, y, x) of one volume, each at least 1.</param>
/// <param name="PsfShape">(z, y, x) of the PSF, each odd, so that its centre is a voxel.</param>
/// <param name="Beads">Sub-resolution beads per channel.</param>
/// <param name="Filaments">Filaments (thin curved lines) per channel.</param>
internal sealed record DemoSize(string Name, int Channels, int Times, int[] VolumeShape, int[] PsfShape, int Beads, int Filaments)
{
    /// <summary>(2, 2, 48, 128, 128) uint16, 6 MiB, PSF (2, 1, 15, 15, 15): seconds, for a first look and tests of the command.</summary>
    public static DemoSize Small { get; } = new("small", 2, 2, [48, 128, 128], [15, 15, 15], Beads: 160, Filaments: 6);

    /// <summary>(2, 4, 64, 256, 256) uint16, 64 MiB, PSF (2, 1, 31, 31, 31): the reference workload W2 (DESIGN.md).</summary>
    public static DemoSize Medium { get; } = new("medium", 2, 4, [64, 256, 256], [31, 31, 31], Beads: 800, Filaments: 16);

    /// <summary>The accepted <c>--size</c> values.</summary>
    public static string[] Names => [Small.Name, Medium.Name];

    /// <summary>The data array's shape (channel, time, z, y, x).</summary>
    public long[] Shape => [Channels, Times, VolumeShape[0], VolumeShape[1], VolumeShape[2]];

    /// <summary>The PSF array's shape (channel, 1, pz, py, px).</summary>
    public long[] PsfArrayShape => [Channels, 1, PsfShape[0], PsfShape[1], PsfShape[2]];

    /// <summary>Voxels in one volume.</summary>
    public int VolumeLength => VolumeShape[0] * VolumeShape[1] * VolumeShape[2];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    /// <exception cref="UsageException">No preset has that name.</exception>
    public static DemoSize Parse(string name) => name switch
    {
        "small" => Small,
        "medium" => Medium,
        _ => throw new UsageException($"Unknown --size '{name}'; use one of {string.Join(", ", Names)}."),
    };

    /// <summary>Checks that the sizes make a data set.</summary>
    /// <exception cref="ArgumentException">A count or axis is out of range, or a PSF axis is even.</exception>
    public void Validate()
    {
        if (Channels < 1 || Times < 1 || Beads < 0 || Filaments < 0)
        {
            throw new ArgumentException($"Demo size '{Name}': channels ({Channels}) and times ({Times}) must be at least 1, beads ({Beads}) and filaments ({Filaments}) at least 0.");
        }

        if (VolumeShape is not { Length: 3 } || PsfShape is not { Length: 3 } || VolumeShape.Any(n => n < 1) || PsfShape.Any(k => k < 1 || k % 2 == 0))
        {
            throw new ArgumentException(
                $"Demo size '{Name}': the volume ({string.Join(", ", VolumeShape ?? [])}) needs 3 axes of at least 1 voxel and the PSF ({string.Join(", ", PsfShape ?? [])}) 3 odd axes, so that its centre is a voxel.");
        }

        if ((long)VolumeShape[0] * VolumeShape[1] * VolumeShape[2] > Array.MaxLength / 4)
        {
            throw new ArgumentException($"Demo size '{Name}': a volume of ({string.Join(", ", VolumeShape)}) is too large for one buffer.");
        }
    }
}
