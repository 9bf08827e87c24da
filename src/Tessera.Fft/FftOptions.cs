namespace Tessera.Fft;

/// <summary>How an N-D transform runs. Results never depend on these settings.</summary>
public sealed record FftOptions
{
    /// <summary>The default options: all processors.</summary>
    public static FftOptions Default { get; } = new();

    /// <summary>
    /// The most threads a transform uses, at least 1; defaults to
    /// <see cref="Environment.ProcessorCount"/>. Work is split by whole lines and strips whose
    /// boundaries depend only on the shape, so the output is bit-identical for any value.
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
