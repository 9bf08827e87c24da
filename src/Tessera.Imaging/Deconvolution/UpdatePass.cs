using Tessera.Imaging.Pointwise;

namespace Tessera.Imaging.Deconvolution;

/// <summary>
/// One plane of estimate[i] ← estimate[i] · correction[(i − shift) mod P], the multiplicative
/// update. The shift is the PSF's back-projection shift (1 voxel along even PSF axes, see
/// <c>PsfGeometry</c>), applied as an offset read instead of a separate pass. With
/// <see cref="PadMode.Zero"/> only the volume is updated, so the estimate stays 0 outside it.
/// </summary>
internal readonly struct UpdatePass(PaddedGrid grid, Memory<float> estimate, ReadOnlyMemory<float> correction, bool insideOnly) : IPlaneBody
{
    public void Run(int plane)
    {
        if (insideOnly && !grid.Inside(0, plane))
        {
            return;
        }

        int pz = grid.Padded[0], py = grid.Padded[1], px = grid.Padded[2];
        int sy = grid.Shift[1], sx = grid.Shift[2];
        int sourcePlane = (plane - grid.Shift[0] + pz) % pz;
        var est = estimate.Span.Slice(plane * grid.PlaneLength, grid.PlaneLength);
        var cor = correction.Span.Slice(sourcePlane * grid.PlaneLength, grid.PlaneLength);
        if (!insideOnly && sy == 0 && sx == 0)
        {
            BinaryDriver.InPlace(est, cor, default(MultiplyOp));
            return;
        }

        int x0 = insideOnly ? grid.Offset[2] : 0;
        int x1 = insideOnly ? x0 + grid.Volume[2] : px;
        for (int y = 0; y < py; y++)
        {
            if (insideOnly && !grid.Inside(1, y))
            {
                continue;
            }

            var row = est.Slice(y * px, px);
            var src = cor.Slice(((y - sy + py) % py) * px, px);
            int from = x0;
            if (from - sx < 0)
            {
                // Only x = 0 with a shift of 1 wraps: it reads the last voxel of the row.
                row[0] *= src[px - 1];
                from = 1;
            }

            BinaryDriver.InPlace(row[from..x1], src[(from - sx)..(x1 - sx)], default(MultiplyOp));
        }
    }
}
