using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Tessera.Imaging.Pointwise;

namespace Tessera.Imaging.Background;

/// <summary>
/// Subtracts a constant background, such as a camera's offset, and clips at zero:
/// <c>max(x − level, 0)</c> on float32 volumes. Richardson–Lucy models photon counts, so the offset that
/// sCMOS cameras add to every pixel should go before it. Registered as <see cref="OperationName"/>.
/// </summary>
public sealed class BackgroundSubtraction : VolumeMap<float>
{
    /// <summary>The registry name.</summary>
    public const string OperationName = "subtract-background";

    /// <summary>Creates the operation for <paramref name="level"/>, a finite value of at least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is negative or not finite.</exception>
    public BackgroundSubtraction(float level)
    {
        if (!float.IsFinite(level) || level < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The background level must be finite and at least 0 (for a camera, its offset in counts, such as 100).");
        }

        Level = level;
    }

    /// <summary>The level subtracted from every voxel.</summary>
    public float Level { get; }

    /// <inheritdoc/>
    public override string Name => OperationName;

    /// <inheritdoc/>
    public override JsonObject Parameters => new() { ["level"] = Level };

    /// <summary>Recreates the operation from its <see cref="Parameters"/>.</summary>
    public static BackgroundSubtraction FromParameters(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new BackgroundSubtraction((float?)parameters["level"] ?? throw new ArgumentException($"{OperationName} needs a 'level' parameter.", nameof(parameters)));
    }

    /// <inheritdoc/>
    protected override void Map(ReadOnlySpan<float> source, Span<float> destination) => Subtract(source, destination, Level);

    /// <summary><c>destination = max(source − level, 0)</c>.</summary>
    internal static void Subtract(ReadOnlySpan<float> source, Span<float> destination, float level)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var levels = new Vector<float>(level);
            var from = MemoryMarshal.Cast<float, Vector<float>>(source);
            var to = MemoryMarshal.Cast<float, Vector<float>>(destination);
            for (int v = 0; v < from.Length; v++)
            {
                to[v] = Vector.Max(from[v] - levels, Vector<float>.Zero);
            }

            i = from.Length * Vector<float>.Count;
        }

        for (; i < source.Length; i++)
        {
            destination[i] = MathF.Max(source[i] - level, 0);
        }
    }
}
