namespace Tessera.Arrays.Operations;

/// <summary>What the scheduler tells a block operation about the block it computes.</summary>
/// <param name="Threads">The threads the operation may use inside the block (for example FFT threads).</param>
/// <param name="InputKeys">A deterministic key per input block: equal keys mean equal data, so operations may cache what they derive from an input (an OTF from a PSF).</param>
/// <param name="CancellationToken">Stops the job; long operations should check it between steps.</param>
public sealed record BlockContext(int Threads, IReadOnlyList<string> InputKeys, CancellationToken CancellationToken);
