using System.Text.Json.Nodes;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Imaging.Intensity;

/// <summary>
/// Stores float32 results as uint16: <c>round(x · scale)</c>, halves away from zero, clipped to 0..65535
/// (NaN becomes 0), on (z,y,x) blocks. Counts the voxels it clips, so that a caller can say how many and
/// suggest a scale that fits. Registered as <see cref="OperationName"/>.
/// </summary>
public sealed class ScaleToUInt16 : IBlockOperation
{
    /// <summary>The registry name.</summary>
    public const string OperationName = "scale-to-uint16";

    private static readonly CoreSignature CoreSignature = CoreSignature.Parse("(z,y,x)->(z,y,x)");
    private long _clippedHigh;
    private long _clippedLow;
    private readonly Lock _largestLock = new();
    private double _largest = double.MinValue;

    /// <summary>Creates the operation with <paramref name="scale"/>, a finite positive factor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not finite and positive.</exception>
    public ScaleToUInt16(float scale)
    {
        if (!float.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be a finite positive number, such as 1 (keep the values) or 0.5 (halve them to fit 0..65535).");
        }

        Scale = scale;
    }

    /// <summary>The factor applied before rounding.</summary>
    public float Scale { get; }

    /// <summary>Voxels above 65535 after scaling, set to 65535, in the blocks computed so far.</summary>
    public long ClippedHigh => Interlocked.Read(ref _clippedHigh);

    /// <summary>Voxels below 0 (or NaN), set to 0, in the blocks computed so far.</summary>
    public long ClippedLow => Interlocked.Read(ref _clippedLow);

    /// <summary>The largest value seen before scaling, in the blocks computed so far.</summary>
    public double Largest
    {
        get
        {
            lock (_largestLock)
            {
                return _largest;
            }
        }
    }

    /// <inheritdoc/>
    public string Name => OperationName;

    /// <inheritdoc/>
    public CoreSignature Signature => CoreSignature;

    /// <inheritdoc/>
    public JsonObject Parameters => new() { ["scale"] = Scale };

    /// <summary>Recreates the operation from its <see cref="Parameters"/>.</summary>
    public static ScaleToUInt16 FromParameters(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new ScaleToUInt16((float?)parameters["scale"] ?? throw new ArgumentException($"{OperationName} needs a 'scale' parameter.", nameof(parameters)));
    }

    /// <inheritdoc/>
    public DataType OutputType(IReadOnlyList<DataType> inputTypes)
    {
        ArgumentNullException.ThrowIfNull(inputTypes);
        if (inputTypes[0].AsNative() != DataType.For<float>())
        {
            throw new ArgumentException($"{OperationName} takes float32 blocks, not {inputTypes[0].Name}.");
        }

        return DataType.For<ushort>();
    }

    /// <inheritdoc/>
    public void Validate(IReadOnlyList<int[]> inputCoreShapes)
    {
    }

    /// <inheritdoc/>
    public long WorkingSetBytes(IReadOnlyList<int[]> inputCoreShapes) => 0;

    /// <inheritdoc/>
    public INDBuffer Execute(IReadOnlyList<INDBuffer> inputs, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var source = ((NDBuffer<float>)inputs[0]).Span;
        var output = NDBuffer<ushort>.Allocate(inputs[0].Shape, clear: false);
        var destination = output.Span;
        long high = 0, low = 0;
        float largest = float.MinValue;
        for (int i = 0; i < source.Length; i++)
        {
            float v = source[i];
            if (v > largest)
            {
                largest = v; // NaN never counts: it compares false.
            }

            double scaled = Math.Round((double)v * Scale, MidpointRounding.AwayFromZero);
            if (scaled > ushort.MaxValue)
            {
                destination[i] = ushort.MaxValue;
                high++;
            }
            else if (scaled >= 0)
            {
                destination[i] = (ushort)scaled;
            }
            else
            {
                // Negative, or NaN (which fails every comparison).
                destination[i] = 0;
                low++;
            }
        }

        Interlocked.Add(ref _clippedHigh, high);
        Interlocked.Add(ref _clippedLow, low);
        lock (_largestLock)
        {
            _largest = Math.Max(_largest, largest);
        }

        return output;
    }
}
