using Tessera.Ngff;

namespace Tessera.Arrays.Output;

/// <summary>What an OME-Zarr write did.</summary>
/// <param name="Location">The image group's folder.</param>
/// <param name="Levels">Each level's write, level 0 first.</param>
/// <param name="Image">The NGFF metadata written to the group.</param>
public sealed record OmeZarrResult(string Location, IReadOnlyList<ZarrWriteResult> Levels, NgffImage Image);
