using Tessera.Arrays.Graph;

namespace Tessera.Arrays;

/// <content>Reordering axes, such as (c, t, z, y, x) to OME-Zarr's (t, c, z, y, x).</content>
public abstract partial class LazyArray
{
    /// <summary>
    /// The array with its axes reordered, as NumPy's <c>transpose</c>: output axis <c>i</c> is this array's axis
    /// <c>permutation[i]</c>, with its size and chunk size, so <c>image.Transpose(1, 0, 2, 3, 4)</c> turns
    /// (c, t, z, y, x) into (t, c, z, y, x). Lazy: each output chunk reads exactly the input chunk holding its
    /// elements and permutes them in memory. Returns this array for the identity permutation.
    /// </summary>
    /// <param name="permutation">For each output axis, the input axis it takes; a permutation of <c>0..Rank-1</c>.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="permutation"/> is not a permutation of <c>0..Rank-1</c> (wrong length, out of range or
    /// repeated); the message names the permutation and the rank.
    /// </exception>
    public LazyArray Transpose(params int[] permutation)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        var node = TransposeNode.Create(this, permutation);
        return permutation.Select((axis, i) => axis == i).All(identity => identity) ? this : node;
    }
}
