namespace Tessera.Tiff.Metadata;

/// <summary>One axis of a TIFF stack: its role (<c>c</c>, <c>t</c>, <c>z</c>, <c>y</c> or <c>x</c>) and length.</summary>
/// <param name="Name">The axis role, one of <c>c t z y x</c>.</param>
/// <param name="Size">The number of elements along the axis.</param>
public readonly record struct TiffAxis(string Name, int Size);
