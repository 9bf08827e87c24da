namespace Tessera.Fft.Kernels;

/// <summary>
/// One self-sorting (Stockham, decimation in frequency) pass of radix <see cref="Radix"/>:
/// for p &lt; <see cref="M"/> and q &lt; <see cref="Stride"/>, the inputs
/// x[q + s·(p + j·m)] (j &lt; r) go through a radix-r DFT, output k is multiplied by
/// ω_{r·m}^{p·k} and written to y[q + s·(r·p + k)]. Chaining the passes with s growing by r
/// leaves the result in natural order, with no bit-reversal pass. Every "element" is a row of
/// <c>width</c> complex numbers, so a pass over a batch of columns combines whole rows with one
/// broadcast twiddle.
/// </summary>
/// <param name="Radix">r: 2, 3, 4, 5 or 7.</param>
/// <param name="M">m: the sub-transform length after this pass.</param>
/// <param name="Stride">s: the product of the radices of the earlier passes.</param>
/// <param name="TwiddleOffset">Where this pass's twiddles start in the plan's table, in floats:
/// (r−1) complex numbers per p, k = 1..r−1.</param>
internal readonly record struct StockhamStage(int Radix, int M, int Stride, int TwiddleOffset);
