using Tessera.Buffers;
using Tessera.Tiff;

namespace Tessera.Arrays.Graph;

/// <summary>Copies a (z, y, x) region of one channel and time point of a TIFF stack, decoding only the pages it covers.</summary>
internal static class TiffRegion
{
    /// <summary>Reads one (z, y, x) volume window of channel and time point (origin c + <c>c</c>, origin t + <c>t</c>) into the span.</summary>
    public delegate void VolumeReader(int c, int t, Span<byte> destination);

    /// <summary>
    /// The (c, t, z, y, x) region of <paramref name="shape"/>, assembled volume by volume: <paramref name="readVolume"/>
    /// fills each (z, y, x) window in C order. Dispose the result.
    /// </summary>
    public static INDBuffer ReadVolumes(DataTypes.DataType dataType, int[] shape, CancellationToken cancellationToken, VolumeReader readVolume)
    {
        var buffer = NDBuffers.Allocate(dataType, shape, clear: false);
        try
        {
            int volumeBytes = shape[2] * shape[3] * shape[4] * dataType.ItemSize;
            var bytes = buffer.Bytes;
            int offset = 0;
            for (int c = 0; c < shape[0]; c++)
            {
                for (int t = 0; t < shape[1]; t++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    readVolume(c, t, bytes.Slice(offset, volumeBytes));
                    offset += volumeBytes;
                }
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

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
