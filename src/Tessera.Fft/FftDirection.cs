namespace Tessera.Fft;

/// <summary>The sign of the exponent of a discrete Fourier transform.</summary>
public enum FftDirection
{
    /// <summary>X[k] = Σ x[j]·e^{-2πi·jk/n}.</summary>
    Forward,

    /// <summary>
    /// x[j] = Σ X[k]·e^{+2πi·jk/n}, unnormalised: a forward transform followed by an inverse one
    /// multiplies the data by n (the product of the lengths for N-D), as in FFTW. Callers fold the
    /// 1/n into a step they already do (Richardson–Lucy folds it into the OTF) to save a pass.
    /// </summary>
    Inverse,
}
