namespace Tessera.Tiff.Metadata;

/// <summary>The size of one voxel along z, y and x, in <see cref="Unit"/>.</summary>
/// <param name="Z">Spacing between z planes.</param>
/// <param name="Y">Pixel height.</param>
/// <param name="X">Pixel width.</param>
/// <param name="Unit">An OME-NGFF (UDUNITS-2) space unit such as <c>micrometer</c>, or null when the file gives none.</param>
public readonly record struct TiffVoxelSize(double Z, double Y, double X, string? Unit);
