namespace Tessera.Fft;

/// <summary>The post- and pre-processing passes that turn a half-length complex transform into a real one.</summary>
public sealed partial class RealFftPlan
{
    /// <summary>
    /// From Z = FFT_{n/2}(x[2j] + i·x[2j+1]) (complex k at z[2·k·stride]) to the half spectrum X.
    /// E_k = (Z_k + conj Z_{h−k})/2 and O_k = (Z_k − conj Z_{h−k})/(2i) are the transforms of the
    /// even and odd samples, and X_k = E_k + W^k·O_k with W = e^{-2πi/n}. Pairs (k, h−k) are read
    /// before they are written, so z may alias x when stride is 1.
    /// </summary>
    private void PostProcess(ReadOnlySpan<float> z, int stride, Span<float> x)
    {
        int h = Length / 2;
        float z0r = z[0], z0i = z[1];
        x[0] = z0r + z0i;
        x[1] = 0;
        x[2 * h] = z0r - z0i;
        x[(2 * h) + 1] = 0;
        for (int k = 1; k <= h / 2; k++)
        {
            int a = 2 * k * stride, b = 2 * (h - k) * stride;
            float zkr = z[a], zki = z[a + 1], zmr = z[b], zmi = z[b + 1];

            // E = (Z_k + conj Z_{h−k})/2, D = (Z_k − conj Z_{h−k})/2, O = D/i = (D.im, −D.re).
            float er = 0.5f * (zkr + zmr), ei = 0.5f * (zki - zmi);
            float dr = 0.5f * (zkr - zmr), di = 0.5f * (zki + zmi);
            float or = di, oi = -dr;
            float wr = _twiddles[2 * k], wi = _twiddles[(2 * k) + 1];
            float tr = (or * wr) - (oi * wi), ti = (or * wi) + (oi * wr);
            x[2 * k] = er + tr;
            x[(2 * k) + 1] = ei + ti;

            // X_{h−k} = conj(E_k) + W^{h−k}·conj(O_k) and W^{h−k} = −conj(W^k), so
            // X_{h−k} = conj(E_k − W^k·O_k).
            x[2 * (h - k)] = er - tr;
            x[(2 * (h - k)) + 1] = -(ei - ti);
        }
    }

    /// <summary>
    /// From the half spectrum X to Z_k = (X_k + conj X_{h−k}) + i·conj(W^k)·(X_k − conj X_{h−k})
    /// (that is 2·(E_k + i·O_k)), complex k written at z[2·k·stride]; the unnormalised inverse of
    /// length n/2 then gives n·x as packed pairs. The imaginary parts of X_0 and X_h are ignored.
    /// </summary>
    private void PreProcess(ReadOnlySpan<float> x, Span<float> z, int stride)
    {
        int h = Length / 2;
        float x0 = x[0], xh = x[2 * h];
        z[0] = x0 + xh;
        z[1] = x0 - xh;
        for (int k = 1; k <= h / 2; k++)
        {
            int a = 2 * k, b = 2 * (h - k);
            float xkr = x[a], xki = x[a + 1], xmr = x[b], xmi = x[b + 1];

            // S = X_k + conj X_{h−k}, D = X_k − conj X_{h−k}; Z_k = S + i·conj(W^k)·D.
            float sr = xkr + xmr, si = xki - xmi, dr = xkr - xmr, di = xki + xmi;
            float wr = _twiddles[2 * k], wi = -_twiddles[(2 * k) + 1];
            float tr = (dr * wr) - (di * wi), ti = (dr * wi) + (di * wr);
            z[a * stride] = sr - ti;
            z[(a * stride) + 1] = si + tr;

            // Z_{h−k} = conj(S − i·conj(W^k)·D).
            z[b * stride] = sr + ti;
            z[(b * stride) + 1] = -(si - tr);
        }
    }
}
