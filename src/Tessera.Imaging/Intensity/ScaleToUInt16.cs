using System.Text.Json.Nodes;
using Tessera.Imaging.Pointwise;

namespace Tessera.Imaging.Intensity;

/// <summary>
/// Stores float32 results as uint16: <c>round(x · scale)</c>, halves away from zero, clipped to 0..65535
/// (NaN becomes 0), on (z,y,x) blocks. Counts the voxels it clips, so that a caller can say how many and
/// suggest a scale that fits. Registered as <see cref="OperationName"/>.
/// </summary>
public sealed class ScaleToUInt16 : VolumeMap<ushort>
{
    /// <summary>The registry name.</summary>
    public const string OperationName = "scale-to-uint16";

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
    public override string Name => OperationName;

    /// <inheritdoc/>
    public override JsonObject Parameters => new() { ["scale"] = Scale };

    /// <summary>Recreates the operation from its <see cref="Parameters"/>.</summary>
    public static ScaleToUInt16 FromParameters(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new ScaleToUInt16((float?)parameters["scale"] ?? throw new ArgumentException($"{OperationName} needs a 'scale' parameter.", nameof(parameters)));
    }

    /// <inheritdoc/>
    protected override void Map(ReadOnlySpan<float> source, Span<ushort> destination)
    {
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
    }
}
