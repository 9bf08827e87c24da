namespace Tessera.Ngff;

/// <summary>
/// One resolution level of a multiscale: the array at <paramref name="Path"/> (relative to the image group) and
/// its <c>coordinateTransformations</c>, a <c>scale</c> and an optional <c>translation</c>, one value per axis.
/// </summary>
/// <param name="Path">The array's path relative to the image group, e.g. <c>"0"</c>.</param>
/// <param name="Scale">The physical size of a voxel along each axis, in the axis's unit; positive.</param>
/// <param name="Translation">The physical position of voxel 0's centre along each axis, or null for none.</param>
public sealed record NgffDataset(string Path, double[] Scale, double[]? Translation = null);
