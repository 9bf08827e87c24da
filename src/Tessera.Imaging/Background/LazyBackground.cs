using Tessera.Arrays;

namespace Tessera.Imaging.Background;

/// <summary>Background subtraction over every volume of a lazy array.</summary>
public static class LazyBackground
{
    /// <summary>Subtracts <paramref name="level"/> from every voxel of <paramref name="image"/> (converted to float32) and clips at 0; returns the float32 image unchanged when the level is 0.</summary>
    public static LazyArray SubtractBackground(this LazyArray image, float level)
    {
        ArgumentNullException.ThrowIfNull(image);
        var floats = image.AsType<float>();
        return level == 0 ? floats : floats.MapBlocks(new BackgroundSubtraction(level));
    }
}
