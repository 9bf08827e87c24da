using Tessera.Imaging.Pointwise;

namespace Tessera.Imaging.Deconvolution;

/// <summary>
/// One plane of blurred ← observed / (blurred + ε), in place. With <see cref="PadMode.Zero"/> the
/// ratio is formed inside the volume only and the padding is cleared: scikit-image's ratio is
/// defined on the volume alone, so the back-projection must see zeros outside it.
/// </summary>
internal readonly struct RatioPass(PaddedGrid grid, Memory<float> blurred, ReadOnlyMemory<float> observed, float epsilon, bool insideOnly) : IPlaneBody
{
    public void Run(int plane)
    {
        int start = plane * grid.PlaneLength;
        var work = blurred.Span.Slice(start, grid.PlaneLength);
        var obs = observed.Span.Slice(start, grid.PlaneLength);
        var op = new RatioOp(epsilon);
        if (!insideOnly)
        {
            BinaryDriver.InPlace(work, obs, op);
            return;
        }

        if (!grid.Inside(0, plane))
        {
            work.Clear();
            return;
        }

        int py = grid.Padded[1], px = grid.Padded[2], x0 = grid.Offset[2], nx = grid.Volume[2];
        for (int y = 0; y < py; y++)
        {
            var row = work.Slice(y * px, px);
            if (!grid.Inside(1, y))
            {
                row.Clear();
                continue;
            }

            row[..x0].Clear();
            row[(x0 + nx)..].Clear();
            BinaryDriver.InPlace(row.Slice(x0, nx), obs.Slice((y * px) + x0, nx), op);
        }
    }
}
