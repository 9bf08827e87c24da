using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.Cli.Conversion;
using Tessera.Cli.Samples;
using Tessera.DataTypes;
using Tessera.Imaging.Convolution;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Cli.Demo;

/// <summary>
/// The synthetic light-sheet data set of <c>tessera demo</c>: per (channel, time) a ground truth of
/// beads and filaments (<see cref="DemoObject"/>), blurred by the channel's Gaussian PSF
/// (<see cref="DemoPsf"/>) and recorded with shot and read noise (<see cref="DemoCamera"/>).
/// Deterministic: the same bytes on every run, whatever the parallelism.
/// </summary>
internal static class DemoDataSet
{
    /// <summary>The name of the uint16 (C, T, Z, Y, X) image array in the group.</summary>
    public const string DataName = "data";

    /// <summary>The name of the float32 (C, 1, pz, py, px) PSF array in the group.</summary>
    public const string PsfName = "psf";

    /// <summary>The name of the float32 (C, T, Z, Y, X) ground-truth array in the group, in photons.</summary>
    public const string TruthName = "truth";

    /// <summary>The PSF of <paramref name="channel"/> for <paramref name="size"/>, summing to 1. Dispose it.</summary>
    public static NDBuffer<float> CreatePsf(DemoSize size, int channel)
    {
        ArgumentNullException.ThrowIfNull(size);
        size.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, size.Channels);
        return DemoPsf.Create(size.PsfShape, channel);
    }

    /// <summary>Renders volume (<paramref name="channel"/>, <paramref name="time"/>).</summary>
    /// <param name="size">The data set's size.</param>
    /// <param name="channel">The channel, 0 to <see cref="DemoSize.Channels"/> − 1.</param>
    /// <param name="time">The time point, 0 to <see cref="DemoSize.Times"/> − 1.</param>
    /// <param name="psf">The channel's PSF from <see cref="CreatePsf"/>; not modified.</param>
    /// <param name="threads">Threads for the convolution; the result does not depend on it.</param>
    /// <returns>The truth, the noise-free blurred image and the recorded counts; dispose it.</returns>
    public static DemoVolume Render(DemoSize size, int channel, int time, NDBuffer<float> psf, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(psf);
        size.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, size.Channels);
        ArgumentOutOfRangeException.ThrowIfNegative(time);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(time, size.Times);
        var truth = NDBuffer<float>.Allocate(size.VolumeShape, clear: false);
        NDBuffer<float>? blurred = null;
        try
        {
            DemoObject.Render(size, channel, time, truth.Span);
            blurred = LinearConvolution.Convolve(truth, psf, threads);
            var counts = NDBuffer<ushort>.Allocate(size.VolumeShape, clear: false);
            DemoCamera.Expose(blurred.Span, counts.Span, SplitMix64.Mix(DemoObject.Seed, channel, time, 3));
            return new DemoVolume(truth, blurred, counts);
        }
        catch
        {
            truth.Dispose();
            blurred?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the data set as a Zarr v2 group at <paramref name="path"/> of <paramref name="store"/>:
    /// arrays <see cref="DataName"/> (uint16 '&lt;u2'), <see cref="PsfName"/> and <see cref="TruthName"/>
    /// (float32 '&lt;f4'), one volume per chunk, compressed with zarr-python's default Blosc-LZ4
    /// (level 5, byte shuffle), and group attributes describing the generator. Metadata is written
    /// after the chunks, the group's <c>.zgroup</c> last, so a reader never finds a half-written node.
    /// </summary>
    /// <param name="store">The store; the path should be empty there.</param>
    /// <param name="path">The group's key prefix ("" for the store's root).</param>
    /// <param name="size">The data set's size.</param>
    /// <param name="parallelism">How many volumes to render at once, at least 1; the bytes do not depend on it.</param>
    /// <param name="volumeDone">Called after each (c, t) volume is stored, with the bytes of its uint16 image; may be called concurrently.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The group.</returns>
    public static async Task<ZarrGroup> WriteAsync(IStore store, string path, DemoSize size, int parallelism, Action<long>? volumeDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        size.Validate();

        var data = await CreateArrayAsync<ushort>(store, StoreKey.Join(path, DataName), size.Shape, cancellationToken).ConfigureAwait(false);
        var psfArray = await CreateArrayAsync<float>(store, StoreKey.Join(path, PsfName), size.PsfArrayShape, cancellationToken).ConfigureAwait(false);
        var truthArray = await CreateArrayAsync<float>(store, StoreKey.Join(path, TruthName), size.Shape, cancellationToken).ConfigureAwait(false);

        var psfs = new NDBuffer<float>[size.Channels];
        try
        {
            for (int c = 0; c < size.Channels; c++)
            {
                psfs[c] = DemoPsf.Create(size.PsfShape, c);
                await WriteVolumeAsync(psfArray, c, 0, psfs[c], cancellationToken).ConfigureAwait(false);
            }

            int volumes = size.Channels * size.Times;
            int threadsPerVolume = Math.Max(1, Environment.ProcessorCount / Math.Min(parallelism, volumes));
            var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, volumes), options, async (index, token) =>
            {
                int c = index / size.Times, t = index % size.Times;
                using var volume = Render(size, c, t, psfs[c], threadsPerVolume);
                await WriteVolumeAsync(data, c, t, volume.Counts, token).ConfigureAwait(false);
                await WriteVolumeAsync(truthArray, c, t, volume.Truth, token).ConfigureAwait(false);
                volumeDone?.Invoke(volume.Counts.Bytes.Length);
            }).ConfigureAwait(false);
        }
        finally
        {
            foreach (var psf in psfs)
            {
                psf?.Dispose();
            }
        }

        await data.WriteAttributesAsync(ArrayAttributes("The recorded images in camera counts: Poisson(truth convolved with psf) + offset + read noise.", "c", "t", "z", "y", "x"), cancellationToken).ConfigureAwait(false);
        await psfArray.WriteAttributesAsync(ArrayAttributes("The point spread function of each channel, summing to 1, centred on voxel (k - 1) / 2.", "c", "psf_t", "pz", "py", "px"), cancellationToken).ConfigureAwait(false);
        await truthArray.WriteAttributesAsync(ArrayAttributes("The ground truth in photons per voxel.", "c", "t", "z", "y", "x"), cancellationToken).ConfigureAwait(false);
        await data.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        await psfArray.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        await truthArray.WriteMetadataAsync(cancellationToken).ConfigureAwait(false);
        var group = await ZarrGroup.CreateAsync(store, path, cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAttributesAsync(Attributes(size), cancellationToken).ConfigureAwait(false);
        return group;
    }

    /// <summary>The group's attributes: what the data set is and every parameter that made it.</summary>
    public static JsonObject Attributes(DemoSize size)
    {
        ArgumentNullException.ThrowIfNull(size);
        var sigmas = new JsonArray();
        for (int c = 0; c < size.Channels; c++)
        {
            sigmas.Add(new JsonArray([.. DemoPsf.Sigma(c).Select(s => JsonValue.Create(Math.Round(s, 6)))]));
        }

        return new JsonObject
        {
            ["description"] = "Synthetic light-sheet data made by 'tessera demo': sub-resolution beads and filaments on a smooth background (truth, photons), "
                + "convolved with an anisotropic Gaussian PSF per channel (psf) and recorded with Poisson shot noise, "
                + $"a camera offset of {DemoCamera.Offset} and read noise (data). Deterministic: the same on every run.",
            ["tessera_demo"] = new JsonObject
            {
                ["size"] = size.Name,
                ["shape"] = new JsonArray([.. size.Shape.Select(s => JsonValue.Create(s))]),
                ["psf_shape"] = new JsonArray([.. size.PsfArrayShape.Select(s => JsonValue.Create(s))]),
                ["seed"] = DemoObject.Seed,
                ["beads_per_channel"] = size.Beads,
                ["filaments_per_channel"] = size.Filaments,
                ["background_photons"] = DemoObject.BackgroundLevel,
                ["bead_photons"] = new JsonArray(DemoObject.BeadPhotons.Min, DemoObject.BeadPhotons.Max),
                ["filament_photons_per_voxel"] = DemoObject.FilamentPhotonsPerVoxel,
                ["psf_sigma_zyx_voxels"] = sigmas,
                ["camera_offset"] = DemoCamera.Offset,
                ["read_noise"] = DemoCamera.ReadNoise,
                ["noise"] = "poisson",
            },
        };
    }

    private static JsonObject ArrayAttributes(string description, params string[] dimensions) => new()
    {
        ["description"] = description,
        ["_ARRAY_DIMENSIONS"] = new JsonArray([.. dimensions.Select(d => JsonValue.Create(d))]),
    };

    private static Task<ZarrArray> CreateArrayAsync<T>(IStore store, string path, long[] shape, CancellationToken cancellationToken)
        where T : unmanaged
    {
        var dataType = DataType.For<T>();
        var metadata = new ZarrV2Metadata
        {
            Shape = shape,
            Chunks = [1, 1, (int)shape[2], (int)shape[3], (int)shape[4]],
            DataType = dataType,
            Compressor = CodecChoice.Create(CodecChoice.Default, null, null, dataType),
            FillValue = FillValue.Zero(dataType),
        };
        return ZarrArray.CreateAsync(store, path, metadata, writeMetadata: false, cancellationToken: cancellationToken);
    }

    /// <summary>Stores <paramref name="volume"/> as chunk (c, t, 0, 0, 0); chunks are handed over in the machine's byte order.</summary>
    private static async Task WriteVolumeAsync<T>(ZarrArray array, int channel, int time, NDBuffer<T> volume, CancellationToken cancellationToken)
        where T : unmanaged
    {
        int length = volume.Bytes.Length;
        byte[] chunk = BufferPool.Rent<byte>(length);
        try
        {
            volume.Bytes.CopyTo(chunk);
            await array.WriteChunkAsync([channel, time, 0, 0, 0], chunk.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            BufferPool.Return(chunk);
        }
    }
}
