using Tessera.Arrays.Graph;

namespace Tessera.Arrays;

/// <content>Mean-downsampling, for multiscale pyramids (OME-Zarr levels).</content>
public abstract partial class LazyArray
{
    /// <summary>
    /// The array downsampled by <paramref name="factors"/> (one per axis; 1 keeps the axis): each element is the
    /// mean of a block of <c>factors</c> input elements, and the shape is <c>ceil(shape / factors)</c>. At the
    /// far edge a block holds only the elements that exist, and the mean is taken over those (no padding).
    /// The element type stays: sums are taken in double, integer types round to the nearest value with halves
    /// away from zero (<c>2.5</c> to 3, <c>-2.5</c> to -3) and clip to the type's range, float types store the
    /// mean. Returns this array when every factor is 1 and <paramref name="chunks"/> is not given.
    /// </summary>
    /// <param name="factors">The downsampling factor of each axis.</param>
    /// <param name="chunks">
    /// The output chunk shape; by default this array's chunk shape divided by the factors (rounded up), so an
    /// output chunk reads about one input chunk. Sizes are clipped to the output's shape.
    /// </param>
    /// <exception cref="ArgumentException">
    /// There is not one positive factor (or chunk size) per axis; the message names the axis and value.
    /// </exception>
    /// <exception cref="NotSupportedException">The array holds bool.</exception>
    public LazyArray Coarsen(int[] factors, int[]? chunks = null)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var node = CoarsenNode.Create(this, factors, chunks);
        return chunks is null && factors.All(f => f == 1) ? this : node;
    }
}
