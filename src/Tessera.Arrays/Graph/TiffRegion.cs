using Tessera.Buffers;
using Tessera.Tiff;

namespace Tessera.Arrays.Graph;

/// <summary>Copies a (z, y, x) region of one channel and time point of a TIFF stack, decoding only the pages it covers.</summary>
internal static class TiffRegion
{
    /// <summary>
    /// Decodes planes <paramref name="z0"/> … <paramref name="z0"/> + <paramref name="nz"/> − 1 of (<paramref name="c"/>,
    /// <paramref name="t"/>) and copies their (y, x) window into <paramref name="destination"/>, C order (z, y, x).
    /// </summary>
    public static void Read(TiffStack stack, int c, int t, int z0, int nz, int y0, int ny, int x0, int nx, Span<byte> destination, CancellationToken cancellationToken)
    {
        int height = stack.Metadata.SizeY, width = stack.Metadata.SizeX;
        if (ny == height && nx == width)
        {
            // Whole planes: decode straight into the result.
            stack.ReadPlanes(c, t, z0, nz, destination);
            return;
        }

        // A window: decode one plane at a time into scratch, so the extra memory is one plane whatever the depth.
        int itemSize = stack.DataType.ItemSize;
        int planeBytes = checked((int)stack.PlaneByteCount);
        int windowBytes = ny * nx * itemSize;
        byte[] scratch = BufferPool.Rent<byte>(planeBytes);
        try
        {
            for (int z = 0; z < nz; z++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stack.ReadPlanes(c, t, z0 + z, 1, scratch.AsSpan(0, planeBytes));
                ByteRegionCopy.CopyRegion(
                    scratch.AsSpan(0, planeBytes), [height, width], [y0, x0],
                    destination.Slice(z * windowBytes, windowBytes), [ny, nx], [0, 0], [ny, nx], itemSize);
            }
        }
        finally
        {
            BufferPool.Return(scratch);
        }
    }
}
