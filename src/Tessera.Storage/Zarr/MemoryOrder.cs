namespace Tessera.Zarr;

/// <summary>The element layout inside a stored chunk.</summary>
public enum MemoryOrder
{
    /// <summary>Row-major: the last axis varies fastest (NumPy's default).</summary>
    C,

    /// <summary>Column-major: the first axis varies fastest (Fortran).</summary>
    F,
}
