using Tessera.Buffers;
using Tessera.Imaging.Quality;
using Tessera.Zarr;

namespace Tessera.Cli.Demo;

/// <summary>
/// How close the recorded and the deconvolved images are to the demo's ground truth: Pearson correlation
/// per volume, averaged per channel. Reads one volume of each array at a time.
/// </summary>
internal static class DemoReport
{
    /// <summary>Per channel, the mean correlation with the truth of the recorded data and of the deconvolved result.</summary>
    public static async Task<(double Before, double After)[]> CorrelationsAsync(string group, string deconvolved, DemoSize size, CancellationToken cancellationToken)
    {
        var truth = await ZarrArray.OpenAsync(Path.Combine(group, DemoDataSet.TruthName), cancellationToken).ConfigureAwait(false);
        var data = await ZarrArray.OpenAsync(Path.Combine(group, DemoDataSet.DataName), cancellationToken).ConfigureAwait(false);
        var result = await ZarrArray.OpenAsync(deconvolved, cancellationToken).ConfigureAwait(false);
        int[] shape = [1, 1, .. size.VolumeShape];
        using var t = NDBuffer<float>.Allocate(shape, clear: false);
        using var d = NDBuffer<ushort>.Allocate(shape, clear: false);
        using var r = NDBuffer<float>.Allocate(shape, clear: false);
        using var recorded = NDBuffer<float>.Allocate(shape, clear: false);
        var channels = new (double Before, double After)[size.Channels];
        for (int c = 0; c < size.Channels; c++)
        {
            for (int time = 0; time < size.Times; time++)
            {
                long[] origin = [c, time, 0, 0, 0];
                await truth.ReadRegionAsync(origin, t, cancellationToken).ConfigureAwait(false);
                await data.ReadRegionAsync(origin, d, cancellationToken).ConfigureAwait(false);
                await result.ReadRegionAsync(origin, r, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < d.Length; i++)
                {
                    recorded.Span[i] = d.Span[i];
                }

                channels[c].Before += ImageQuality.Correlation(t.Span, recorded.Span) / size.Times;
                channels[c].After += ImageQuality.Correlation(t.Span, r.Span) / size.Times;
            }
        }

        return channels;
    }
}
