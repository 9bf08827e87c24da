namespace Tessera.Tiff.Metadata;

/// <summary>Where one (c, t, z) plane is stored.</summary>
/// <param name="FileName">The file's name, in the folder of the file the metadata came from.</param>
/// <param name="Page">The zero-based page (IFD) index in that file.</param>
public readonly record struct TiffPlane(string FileName, int Page);
