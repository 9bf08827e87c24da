using System.Globalization;

namespace Tessera.Ngff;

public sealed partial record NgffMultiscale
{
    /// <summary>
    /// Describes a pyramid written by downsampling with integer block factors: level 0 has
    /// <paramref name="baseScale"/> and <paramref name="baseTranslation"/>; level k+1 is level k reduced by
    /// <c>factors[k]</c> along each axis. Paths are <c>"0"</c>, <c>"1"</c>, ...
    /// </summary>
    /// <remarks>
    /// With F the product of the factors up to a level, its scale is <c>scale_0 * F</c> and its translation is
    /// <c>translation_0 + (F - 1) / 2 * scale_0</c>: a mean-downsampled voxel averages F fine voxels, so its centre
    /// sits halfway between the first and the last of them, and the coarse image overlays the fine one.
    /// A level's translation is null only when level 0 has none and F is 1 on every axis.
    /// </remarks>
    /// <param name="axes">The axes, in NGFF order.</param>
    /// <param name="baseScale">Level 0's voxel size per axis, positive.</param>
    /// <param name="baseTranslation">Level 0's translation per axis, or null for none.</param>
    /// <param name="factors">One entry per level after the first: the factor from the previous level, per axis (at least 1; 1 on a channel axis).</param>
    /// <param name="name">The optional multiscale name.</param>
    /// <param name="type">The optional downsampling method, e.g. <c>"mean"</c>.</param>
    /// <exception cref="ArgumentException">A length differs from the number of axes, a scale is not positive, or a factor is below 1 (or not 1 on a channel axis).</exception>
    public static NgffMultiscale Pyramid(
        IReadOnlyList<NgffAxis> axes,
        double[] baseScale,
        double[]? baseTranslation,
        IReadOnlyList<int[]> factors,
        string? name = null,
        string? type = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(baseScale);
        ArgumentNullException.ThrowIfNull(factors);
        int rank = axes.Count;
        CheckLength(baseScale.Length, rank, nameof(baseScale));
        for (int d = 0; d < rank; d++)
        {
            if (!(baseScale[d] > 0) || !double.IsFinite(baseScale[d]))
            {
                throw new ArgumentException($"The scale along axis '{axes[d].Name}' must be positive; found {Format(baseScale[d])}.", nameof(baseScale));
            }
        }

        if (baseTranslation is not null)
        {
            CheckLength(baseTranslation.Length, rank, nameof(baseTranslation));
        }

        var cumulative = new long[rank];
        Array.Fill(cumulative, 1L);
        var datasets = new NgffDataset[factors.Count + 1];
        datasets[0] = new NgffDataset("0", (double[])baseScale.Clone(), (double[]?)baseTranslation?.Clone());
        for (int k = 0; k < factors.Count; k++)
        {
            int[] step = factors[k] ?? throw new ArgumentException($"factors[{k}] is null.", nameof(factors));
            CheckLength(step.Length, rank, $"{nameof(factors)}[{k}]");
            for (int d = 0; d < rank; d++)
            {
                if (step[d] < 1 || (axes[d].Type == NgffAxisType.Channel && step[d] != 1))
                {
                    string allowed = axes[d].Type == NgffAxisType.Channel ? "1 (channels are not averaged)" : "at least 1";
                    throw new ArgumentException($"factors[{k}] along axis '{axes[d].Name}' must be {allowed}; found {step[d]}.", nameof(factors));
                }

                cumulative[d] *= step[d];
            }

            datasets[k + 1] = Level(k + 1, baseScale, baseTranslation, cumulative);
        }

        return new NgffMultiscale { Axes = axes.ToArray(), Datasets = datasets, Name = name, Type = type };
    }

    private static NgffDataset Level(int level, double[] baseScale, double[]? baseTranslation, long[] factor)
    {
        int rank = baseScale.Length;
        var scale = new double[rank];
        double[]? translation = baseTranslation is null && factor.All(f => f == 1) ? null : new double[rank];
        for (int d = 0; d < rank; d++)
        {
            scale[d] = baseScale[d] * factor[d];
            if (translation is not null)
            {
                translation[d] = (baseTranslation?[d] ?? 0) + ((factor[d] - 1) / 2.0 * baseScale[d]);
            }
        }

        return new NgffDataset(level.ToString(CultureInfo.InvariantCulture), scale, translation);
    }

    private static void CheckLength(int length, int rank, string paramName)
    {
        if (length != rank)
        {
            throw new ArgumentException($"{paramName} has {length} values but there are {rank} axes; give one value per axis.", paramName);
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
