namespace Tessera.Ngff;

/// <summary>
/// Which array dimension plays which part, for processing: the indices of the t, c, z, y and x axes (-1 when
/// absent) and the physical voxel size and unit along z, y and x at full resolution.
/// </summary>
/// <remarks>
/// Space axes named z, y and x (in any case) take those roles by name; otherwise by position: the last space axis
/// is x, the one before it y, and a third one z.
/// </remarks>
public sealed record NgffAxisRoles
{
    /// <summary>The index of the time axis, or -1.</summary>
    public int Time { get; init; } = -1;

    /// <summary>The index of the channel axis, or -1.</summary>
    public int Channel { get; init; } = -1;

    /// <summary>The index of an axis of custom type (or none), or -1.</summary>
    public int Custom { get; init; } = -1;

    /// <summary>The index of the z axis, or -1 for a 2-D image.</summary>
    public int Z { get; init; } = -1;

    /// <summary>The index of the y axis.</summary>
    public int Y { get; init; } = -1;

    /// <summary>The index of the x axis.</summary>
    public int X { get; init; } = -1;

    /// <summary>The voxel size along z at full resolution, in <see cref="UnitZ"/>; null without a z axis.</summary>
    public double? VoxelSizeZ { get; init; }

    /// <summary>The voxel size along y at full resolution, in <see cref="UnitY"/>.</summary>
    public double VoxelSizeY { get; init; } = 1;

    /// <summary>The voxel size along x at full resolution, in <see cref="UnitX"/>.</summary>
    public double VoxelSizeX { get; init; } = 1;

    /// <summary>The unit of the z axis, or null when it has none (or there is no z axis).</summary>
    public string? UnitZ { get; init; }

    /// <summary>The unit of the y axis, or null when it has none.</summary>
    public string? UnitY { get; init; }

    /// <summary>The unit of the x axis, or null when it has none.</summary>
    public string? UnitX { get; init; }

    /// <summary>The time between frames at full resolution, in <see cref="TimeUnit"/>; null without a time axis.</summary>
    public double? TimeStep { get; init; }

    /// <summary>The unit of the time axis, or null.</summary>
    public string? TimeUnit { get; init; }

    /// <summary>
    /// Finds the roles in a multiscale. The voxel sizes are the first dataset's scale times the multiscale-level
    /// scale, if any.
    /// </summary>
    /// <exception cref="ArgumentException">The multiscale does not have 2 or 3 space axes, or has no datasets.</exception>
    public static NgffAxisRoles From(NgffMultiscale multiscale)
    {
        ArgumentNullException.ThrowIfNull(multiscale);
        if (multiscale.Datasets.Count == 0)
        {
            throw new ArgumentException("The multiscale has no datasets, so it has no voxel size.", nameof(multiscale));
        }

        var axes = multiscale.Axes;
        var space = Enumerable.Range(0, axes.Count).Where(i => axes[i].Type == NgffAxisType.Space).ToArray();
        if (space.Length is < 2 or > 3)
        {
            throw new ArgumentException($"The multiscale has {space.Length} space axes; OME-NGFF needs 2 or 3.", nameof(multiscale));
        }

        int Find(NgffAxisType type) => Enumerable.Range(0, axes.Count).FirstOrDefault(i => axes[i].Type == type, -1);

        int z = -1, y, x;
        var named = space.Select(i => axes[i].Name.ToLowerInvariant()).ToArray();
        bool byName = named.Distinct().Count() == named.Length && named.All(n => n is "z" or "y" or "x")
            && named.Contains("y") && named.Contains("x") && (named.Length == 2 || named.Contains("z"));
        if (byName)
        {
            y = space[Array.IndexOf(named, "y")];
            x = space[Array.IndexOf(named, "x")];
            z = named.Length == 3 ? space[Array.IndexOf(named, "z")] : -1;
        }
        else
        {
            x = space[^1];
            y = space[^2];
            z = space.Length == 3 ? space[0] : -1;
        }

        double[] scale = multiscale.Datasets[0].Scale;
        double Size(int i) => scale[i] * (multiscale.Scale?[i] ?? 1);
        int t = Find(NgffAxisType.Time);
        return new NgffAxisRoles
        {
            Time = t,
            Channel = Find(NgffAxisType.Channel),
            Custom = Find(NgffAxisType.Custom),
            Z = z,
            Y = y,
            X = x,
            VoxelSizeZ = z >= 0 ? Size(z) : null,
            VoxelSizeY = Size(y),
            VoxelSizeX = Size(x),
            UnitZ = z >= 0 ? axes[z].Unit : null,
            UnitY = axes[y].Unit,
            UnitX = axes[x].Unit,
            TimeStep = t >= 0 ? Size(t) : null,
            TimeUnit = t >= 0 ? axes[t].Unit : null,
        };
    }
}
