using System.Numerics;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Shapes;

namespace Tessera.Arrays.Graph;

/// <summary>
/// Mean-downsampling of one dense block: each output element is the mean of the input elements in its
/// block of <c>factors</c>, over the elements that exist where the input ends inside a block. Sums are
/// taken in double; integers round to nearest with halves away from zero (as
/// <see cref="CastMode.RoundAndClip"/>) and clip to the type's range, floats store the mean.
/// </summary>
internal static class BlockMean
{
    /// <summary>
    /// Reduces <paramref name="input"/> into <paramref name="output"/>, of the same type and of shape
    /// <c>ceil(input.Shape / factors)</c>. The input's first element starts a block on every axis.
    /// </summary>
    public static void Reduce(INDBuffer input, INDBuffer output, int[] factors)
    {
        switch (input)
        {
            case NDBuffer<sbyte> s: Core(s, (NDBuffer<sbyte>)output, factors); break;
            case NDBuffer<byte> s: Core(s, (NDBuffer<byte>)output, factors); break;
            case NDBuffer<short> s: Core(s, (NDBuffer<short>)output, factors); break;
            case NDBuffer<ushort> s: Core(s, (NDBuffer<ushort>)output, factors); break;
            case NDBuffer<int> s: Core(s, (NDBuffer<int>)output, factors); break;
            case NDBuffer<uint> s: Core(s, (NDBuffer<uint>)output, factors); break;
            case NDBuffer<long> s: Core(s, (NDBuffer<long>)output, factors); break;
            case NDBuffer<ulong> s: Core(s, (NDBuffer<ulong>)output, factors); break;
            case NDBuffer<float> s: Core(s, (NDBuffer<float>)output, factors); break;
            case NDBuffer<double> s: Core(s, (NDBuffer<double>)output, factors); break;
            default: throw Unsupported(input.ElementType);
        }
    }

    /// <summary>Whether blocks of <paramref name="type"/> can be averaged (every numeric type; not bool).</summary>
    public static bool Supports(DataType type) => type.Kind != DataTypeKind.Bool;

    /// <summary>The bytes of scratch (the double accumulator) that reducing into <paramref name="outputShape"/> needs.</summary>
    public static long ScratchBytes(ReadOnlySpan<int> outputShape) => ShapeMath.Product(outputShape) * sizeof(double);

    private static void Core<T>(NDBuffer<T> input, NDBuffer<T> output, int[] factors)
        where T : unmanaged, INumber<T>
    {
        int rank = factors.Length;
        ReadOnlySpan<int> inShape = input.Shape;
        ReadOnlySpan<int> outShape = output.Shape;

        // Rows are runs along the last axis; a rank-0 block is one row of one element.
        int rowLength = rank == 0 ? 1 : inShape[rank - 1];
        int outRowLength = rank == 0 ? 1 : outShape[rank - 1];
        int lastFactor = rank == 0 ? 1 : factors[rank - 1];
        if (input.Length == 0 || output.Length == 0)
        {
            return;
        }

        using var sums = NDBuffer<double>.Allocate(outShape, clear: true);
        Span<double> acc = sums.Span;
        ReadOnlySpan<T> source = input.Span;
        var index = new int[Math.Max(rank - 1, 0)];

        // Sum every input row into the output row of its block.
        for (int rowStart = 0; rowStart < source.Length; rowStart += rowLength)
        {
            int outRow = 0;
            for (int a = 0; a < index.Length; a++)
            {
                outRow = (outRow * outShape[a]) + (index[a] / factors[a]);
            }

            var row = source.Slice(rowStart, rowLength);
            var target = acc.Slice(outRow * outRowLength, outRowLength);
            for (int o = 0, x = 0; o < target.Length; o++)
            {
                double sum = 0;
                for (int end = Math.Min(x + lastFactor, rowLength); x < end; x++)
                {
                    sum += double.CreateTruncating(row[x]);
                }

                target[o] += sum;
            }

            Advance(index, inShape);
        }

        // Divide by the number of elements in each block (fewer at the far edge) and store.
        Span<T> destination = output.Span;
        var outIndex = new int[index.Length];
        for (int outRowStart = 0; outRowStart < destination.Length; outRowStart += outRowLength)
        {
            long outer = 1;
            for (int a = 0; a < outIndex.Length; a++)
            {
                outer *= BlockCount(outIndex[a], factors[a], inShape[a]);
            }

            for (int o = 0; o < outRowLength; o++)
            {
                long count = outer * (rank == 0 ? 1 : BlockCount(o, lastFactor, rowLength));
                destination[outRowStart + o] = Store<T>(acc[outRowStart + o] / count);
            }

            Advance(outIndex, outShape);
        }
    }

    private static int BlockCount(int block, int factor, int length) => Math.Min(factor, length - (block * factor));

    private static T Store<T>(double mean)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            return T.CreateTruncating(mean);
        }

        return T.CreateSaturating(Math.Round(mean, MidpointRounding.AwayFromZero));
    }

    private static void Advance(int[] index, ReadOnlySpan<int> shape)
    {
        for (int a = index.Length - 1; a >= 0; a--)
        {
            if (++index[a] < shape[a])
            {
                return;
            }

            index[a] = 0;
        }
    }

    private static NotSupportedException Unsupported(DataType type) =>
        new($"Coarsen does not average {type.Name}; it handles the numeric types (int8 to uint64, float32, float64).");
}
