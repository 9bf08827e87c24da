using Tessera.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Cli.Samples;

/// <summary>Writes every volume of a sample as one chunk of an array, several volumes at a time.</summary>
internal static class SampleWriter
{
    /// <summary>The attributes of a sample array: what it is, its axes, and how it was made.</summary>
    public static JsonObject Attributes(SampleSize size) => new()
    {
        ["description"] = "Synthetic light-sheet-like data made by 'tessera sample': Gaussian blobs elongated along z and drifting over time, "
            + $"on a smooth background, with a camera offset of {LightSheetSample.CameraOffset}, shot noise and read noise. Deterministic: the same on every run.",
        ["_ARRAY_DIMENSIONS"] = new JsonArray("c", "t", "z", "y", "x"),
        ["tessera_sample"] = new JsonObject
        {
            ["size"] = size.Name,
            ["seed"] = LightSheetSample.Seed,
            ["camera_offset"] = LightSheetSample.CameraOffset,
            ["blobs_per_channel"] = size.BlobsPerChannel,
        },
    };

    /// <summary>Renders and stores chunk (c, t, 0, 0, 0) of <paramref name="array"/> for every channel c and time t.</summary>
    /// <param name="array">A uint16 array of <paramref name="size"/>'s shape with one volume per chunk.</param>
    /// <param name="size">The preset.</param>
    /// <param name="parallelism">How many volumes to render at once.</param>
    /// <param name="volumeDone">Called after each volume with its bytes; may be called concurrently.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static async Task WriteAsync(ZarrArray array, SampleSize size, int parallelism, Action<long>? volumeDone, CancellationToken cancellationToken)
    {
        int volumeLength = size.VolumeShape.Aggregate(1, (a, b) => a * b);
        var volumes = Enumerable.Range(0, (int)size.Shape[0]).SelectMany(c => Enumerable.Range(0, (int)size.Shape[1]).Select(t => (c, t)));
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(volumes, options, async (volume, token) =>
        {
            int byteLength = volumeLength * sizeof(ushort);
            byte[] chunk = BufferPool.Rent<byte>(byteLength);
            try
            {
                // Chunks are handed over in the machine's byte order; the array stores them as '<u2'.
                LightSheetSample.Render(size, volume.c, volume.t, MemoryMarshal.Cast<byte, ushort>(chunk.AsSpan(0, byteLength)));
                await array.WriteChunkAsync([volume.c, volume.t, 0, 0, 0], chunk.AsMemory(0, byteLength), token).ConfigureAwait(false);
                volumeDone?.Invoke(byteLength);
            }
            finally
            {
                BufferPool.Return(chunk);
            }
        }).ConfigureAwait(false);
    }
}
