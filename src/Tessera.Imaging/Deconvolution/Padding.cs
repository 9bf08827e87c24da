namespace Tessera.Imaging.Deconvolution;

/// <summary>Copies a volume into its padded grid (extending it by a <see cref="PadMode"/>) and crops it back.</summary>
internal static class Padding
{
    /// <summary>
    /// For each padded index along <paramref name="axis"/>, the volume index it copies, or −1 for
    /// a zero. A few hundred ints per call, never per iteration.
    /// </summary>
    public static int[] SourceIndices(PaddedGrid grid, int axis, PadMode mode)
    {
        int n = grid.Volume[axis], lo = grid.Offset[axis];
        var map = new int[grid.Padded[axis]];
        for (int p = 0; p < map.Length; p++)
        {
            int i = p - lo;
            map[p] = (uint)i < (uint)n ? i : mode switch
            {
                PadMode.Zero => -1,
                PadMode.Edge => Math.Clamp(i, 0, n - 1),
                _ => Reflect(i, n),
            };
        }

        return map;
    }

    /// <summary>NumPy's <c>reflect</c> for any distance: mirror about the end voxels, which are not repeated, with period 2(n − 1).</summary>
    public static int Reflect(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        int period = 2 * (n - 1);
        int m = ((i % period) + period) % period;
        return m < n ? m : period - m;
    }

    /// <summary>Fills padded z-plane <paramref name="z"/> from <paramref name="volume"/>, given each axis's <see cref="SourceIndices"/>.</summary>
    public static void PadPlane(ReadOnlySpan<float> volume, Span<float> padded, PaddedGrid grid, int[] mz, int[] my, int[] mx, int z)
    {
        int ny = grid.Volume[1], nx = grid.Volume[2], px = grid.Padded[2], x0 = grid.Offset[2];
        for (int y = 0; y < my.Length; y++)
        {
            var row = padded.Slice(((z * my.Length) + y) * px, px);
            if (mz[z] < 0 || my[y] < 0)
            {
                row.Clear();
                continue;
            }

            var src = volume.Slice(((mz[z] * ny) + my[y]) * nx, nx);
            src.CopyTo(row[x0..]);
            for (int x = 0; x < x0; x++)
            {
                row[x] = mx[x] < 0 ? 0f : src[mx[x]];
            }

            for (int x = x0 + nx; x < px; x++)
            {
                row[x] = mx[x] < 0 ? 0f : src[mx[x]];
            }
        }
    }

    /// <summary>Fills every voxel of <paramref name="padded"/> from <paramref name="volume"/>, z-planes on up to <paramref name="threads"/> threads.</summary>
    public static void Pad(ReadOnlyMemory<float> volume, Memory<float> padded, PaddedGrid grid, PadMode mode, int threads)
    {
        var body = new PadPass(volume, padded, grid, SourceIndices(grid, 0, mode), SourceIndices(grid, 1, mode), SourceIndices(grid, 2, mode));
        Planes.For(grid.Padded[0], threads, body);
    }

    /// <summary>Copies the volume's region of <paramref name="padded"/> into <paramref name="volume"/>.</summary>
    public static void Crop(ReadOnlySpan<float> padded, Span<float> volume, PaddedGrid grid)
    {
        int nz = grid.Volume[0], ny = grid.Volume[1], nx = grid.Volume[2];
        int py = grid.Padded[1], px = grid.Padded[2];
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                int from = ((((z + grid.Offset[0]) * py) + y + grid.Offset[1]) * px) + grid.Offset[2];
                padded.Slice(from, nx).CopyTo(volume.Slice(((z * ny) + y) * nx, nx));
            }
        }
    }
}
