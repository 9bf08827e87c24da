using System.Text.Json.Nodes;

namespace Tessera.Ngff;

/// <summary>
/// One entry of <c>multiscales</c>: the axes shared by every level and the levels (<c>datasets</c>) from the
/// highest resolution down. Build one with an object initializer or with <see cref="Pyramid"/>; the rules are
/// checked when the metadata is read or written (<see cref="NgffImage.FromAttributes"/>, <see cref="NgffImage.ToAttributes"/>).
/// </summary>
public sealed partial record NgffMultiscale
{
    /// <summary>The axes, 2 to 5: an optional time axis, an optional channel (or custom) axis, then 2 or 3 space axes.</summary>
    public required IReadOnlyList<NgffAxis> Axes { get; init; }

    /// <summary>The resolution levels, highest resolution first; at least one.</summary>
    public required IReadOnlyList<NgffDataset> Datasets { get; init; }

    /// <summary>The optional <c>name</c> of the multiscale.</summary>
    public string? Name { get; init; }

    /// <summary>The optional <c>type</c>: how the levels were downsampled, e.g. <c>"mean"</c> or <c>"gaussian"</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The optional <c>metadata</c> object about the downsampling, kept as written.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>
    /// The optional multiscale-level <c>scale</c> (one value per axis), applied to every level after the level's own
    /// transforms; null when there is no multiscale-level <c>coordinateTransformations</c>.
    /// </summary>
    public double[]? Scale { get; init; }

    /// <summary>
    /// The optional multiscale-level <c>translation</c> (one value per axis), applied after <see cref="Scale"/>; it
    /// needs a <see cref="Scale"/>, as the spec puts a scale first in every transform list.
    /// </summary>
    public double[]? Translation { get; init; }

    /// <summary>The index of the axis named <paramref name="name"/>, or -1 when there is none.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Axes.Count; i++)
        {
            if (string.Equals(Axes[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
