namespace Tessera.Fft.Plans;

/// <summary>Roots of unity computed in double and rounded once to float.</summary>
internal static class Twiddles
{
    /// <summary>e^{∓2πi·num/den} (minus for forward) as (re, im) floats.</summary>
    public static (float Re, float Im) Root(long num, long den, bool inverse)
    {
        // Reduce first so large products keep full double precision in the angle.
        num %= den;
        double angle = (inverse ? 2.0 : -2.0) * Math.PI * num / den;
        return ((float)Math.Cos(angle), (float)Math.Sin(angle));
    }

    /// <summary>e^{∓2πi·num/den} in double.</summary>
    public static (double Re, double Im) RootDouble(long num, long den, bool inverse)
    {
        num %= den;
        double angle = (inverse ? 2.0 : -2.0) * Math.PI * num / den;
        return (Math.Cos(angle), Math.Sin(angle));
    }
}
