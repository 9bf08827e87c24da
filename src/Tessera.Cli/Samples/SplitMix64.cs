namespace Tessera.Cli.Samples;

/// <summary>
/// A small seeded random generator (Steele, Lea and Flood's SplitMix64) whose sequence is fixed by this
/// code alone, unlike <see cref="Random"/>, so samples are identical on every .NET version and machine.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;
    private double? _spareNormal;

    /// <summary>A seed derived from several integers, so each (channel, time) volume has its own stream.</summary>
    public static ulong Mix(ulong seed, params ReadOnlySpan<long> values)
    {
        var mixer = new SplitMix64(seed);
        foreach (long v in values)
        {
            mixer._state ^= (ulong)v * 0xD1B54A32D192ED03UL;
            mixer.NextUInt64();
        }

        return mixer.NextUInt64();
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>A standard normal sample (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u1 = 1.0 - NextDouble(); // (0, 1]: log stays finite.
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        (double sin, double cos) = Math.SinCos(2.0 * Math.PI * u2);
        _spareNormal = r * sin;
        return r * cos;
    }
}
