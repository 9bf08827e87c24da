namespace Tessera.Imaging.Deconvolution;

/// <summary>How the volume is extended past its borders before the FFT-based convolutions.</summary>
public enum PadMode
{
    /// <summary>
    /// Zeros outside the volume, and the estimate is held at zero there: linear convolution with
    /// a zero boundary, exactly scikit-image's <c>richardson_lucy</c>. Darkens the borders.
    /// </summary>
    Zero,

    /// <summary>Replicates the nearest edge voxel (ITK's zero-flux Neumann boundary); the estimate evolves over the whole padded volume.</summary>
    Edge,

    /// <summary>Mirrors about the edge voxel without repeating it (NumPy's <c>reflect</c>: d c b | a b c d); the estimate evolves over the whole padded volume.</summary>
    Reflect,
}
