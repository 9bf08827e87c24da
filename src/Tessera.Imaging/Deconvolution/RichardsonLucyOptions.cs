namespace Tessera.Imaging.Deconvolution;

/// <summary>Parameters of <see cref="RichardsonLucy"/>.</summary>
public sealed record RichardsonLucyOptions
{
    /// <summary>The number of iterations, at least 0 (0 returns the cropped initial estimate). Default 10.</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>How the volume is extended past its borders. Default <see cref="PadMode.Edge"/>, ITK's choice, which keeps borders from darkening.</summary>
    public PadMode PadMode { get; init; } = PadMode.Edge;

    /// <summary>What the estimate starts from. Default <see cref="InitialEstimate.Input"/>.</summary>
    public InitialEstimate InitialEstimate { get; init; } = InitialEstimate.Input;

    /// <summary>The starting value when <see cref="InitialEstimate"/> is <see cref="InitialEstimate.Constant"/>; finite. Default 0.5, scikit-image's.</summary>
    public float InitialValue { get; init; } = 0.5f;

    /// <summary>
    /// Added (in float32) to the blurred estimate before dividing the observation by it:
    /// ratio = observed / (blurred + Epsilon). Default 1e-12, scikit-image's: it changes nothing
    /// where the blurred estimate is above ~1e-5 and turns 0/0 where both vanish into 0 instead
    /// of NaN. Must be finite and at least 0.
    /// </summary>
    public float Epsilon { get; init; } = 1e-12f;

    /// <summary>Threads for the FFTs and the pointwise passes, at least 1. Results do not depend on it. Default: the processor count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
