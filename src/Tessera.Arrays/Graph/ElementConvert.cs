using System.Numerics;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Arrays.Graph;

/// <summary>Converts the elements of one buffer into another of a different type.</summary>
internal static class ElementConvert
{
    /// <summary>Converts <paramref name="source"/> into <paramref name="destination"/>, which has the same length.</summary>
    public static void Convert(INDBuffer source, INDBuffer destination, CastMode mode)
    {
        switch (source)
        {
            case NDBuffer<sbyte> s: To(s.Span, destination, mode); break;
            case NDBuffer<byte> s: To(s.Span, destination, mode); break;
            case NDBuffer<short> s: To(s.Span, destination, mode); break;
            case NDBuffer<ushort> s: To(s.Span, destination, mode); break;
            case NDBuffer<int> s: To(s.Span, destination, mode); break;
            case NDBuffer<uint> s: To(s.Span, destination, mode); break;
            case NDBuffer<long> s: To(s.Span, destination, mode); break;
            case NDBuffer<ulong> s: To(s.Span, destination, mode); break;
            case NDBuffer<float> s: To(s.Span, destination, mode); break;
            case NDBuffer<double> s: To(s.Span, destination, mode); break;
            default: throw Unsupported(source.ElementType);
        }
    }

    /// <summary>Whether conversions from or to <paramref name="type"/> are supported (every numeric type; not bool).</summary>
    public static bool Supports(DataType type) => type.Kind != DataTypeKind.Bool;

    private static void To<TIn>(ReadOnlySpan<TIn> source, INDBuffer destination, CastMode mode)
        where TIn : unmanaged, INumber<TIn>
    {
        switch (destination)
        {
            case NDBuffer<sbyte> d: Core(source, d.Span, mode); break;
            case NDBuffer<byte> d: Core(source, d.Span, mode); break;
            case NDBuffer<short> d: Core(source, d.Span, mode); break;
            case NDBuffer<ushort> d: Core(source, d.Span, mode); break;
            case NDBuffer<int> d: Core(source, d.Span, mode); break;
            case NDBuffer<uint> d: Core(source, d.Span, mode); break;
            case NDBuffer<long> d: Core(source, d.Span, mode); break;
            case NDBuffer<ulong> d: Core(source, d.Span, mode); break;
            case NDBuffer<float> d: Core(source, d.Span, mode); break;
            case NDBuffer<double> d: Core(source, d.Span, mode); break;
            default: throw Unsupported(destination.ElementType);
        }
    }

    private static void Core<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination, CastMode mode)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        bool floatToInteger = IsFloat<TIn>() && !IsFloat<TOut>();
        if (mode == CastMode.RoundAndClip && floatToInteger)
        {
            for (int i = 0; i < source.Length; i++)
            {
                double v = double.CreateTruncating(source[i]);
                destination[i] = double.IsNaN(v) ? TOut.Zero : TOut.CreateSaturating(Math.Round(v, MidpointRounding.AwayFromZero));
            }
        }
        else if (floatToInteger || mode == CastMode.RoundAndClip)
        {
            // Truncation towards zero with saturation (NumPy leaves out-of-range float casts undefined).
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = TOut.CreateSaturating(source[i]);
            }
        }
        else
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = TOut.CreateTruncating(source[i]);
            }
        }
    }

    private static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    private static NotSupportedException Unsupported(DataType type) =>
        new($"Conversions from or to {type.Name} are not supported; AsType handles the numeric types (int8 to uint64, float32, float64).");
}
