using Tessera.Arrays.Graph;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;
using Tessera.DataTypes;
using Tessera.Zarr;

namespace Tessera.Arrays;

/// <content>Sources and the operations that build new lazy arrays.</content>
public abstract partial class LazyArray
{
    /// <summary>A lazy view of <paramref name="array"/>: nothing is read until the graph runs.</summary>
    public static LazyArray FromZarr(ZarrArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return new ZarrSource(array);
    }

    /// <summary>Opens the Zarr array in <paramref name="folder"/> lazily (only its metadata is read now).</summary>
    /// <exception cref="TesseraException">The folder is missing or holds no Zarr array.</exception>
    public static async Task<LazyArray> OpenZarrAsync(string folder, CancellationToken cancellationToken = default) =>
        FromZarr(await ZarrArray.OpenAsync(folder, cancellationToken).ConfigureAwait(false));

    /// <summary>The array converted to <typeparamref name="T"/> block by block, as NumPy's <c>astype</c> does.</summary>
    public LazyArray AsType<T>()
        where T : unmanaged => AsType(DataType.For<T>());

    /// <summary>The array converted to <paramref name="type"/>; returns this array when it is that type already.</summary>
    /// <exception cref="NotSupportedException">The source or target type is bool.</exception>
    public LazyArray AsType(DataType type, CastMode mode = CastMode.Truncate)
    {
        type = type.AsNative();
        if (type == DataType)
        {
            return this;
        }

        if (!ElementConvert.Supports(type) || !ElementConvert.Supports(DataType))
        {
            throw new NotSupportedException($"AsType from {DataType.Name} to {type.Name} is not supported; only numeric types convert.");
        }

        return new AsTypeNode(this, type, mode);
    }

    /// <summary>The sub-array of <paramref name="ranges"/>, one per leading axis (<c>a.Slice(0..1, .., 10..50)</c>); axes not named stay whole.</summary>
    /// <exception cref="ArgumentException">A range is outside its axis or empty, or there are more ranges than axes.</exception>
    public LazyArray Slice(params ReadOnlySpan<Range> ranges)
    {
        var selections = new AxisSelection[ranges.Length];
        for (int a = 0; a < ranges.Length && a < Rank; a++)
        {
            selections[a] = AxisSelection.FromRange(ranges[a], Shape[a]);
        }

        return SliceNode.Create(this, selections);
    }

    /// <summary>The sub-array of <paramref name="selections"/>: ranges keep an axis, <see cref="AxisSelection.At"/> removes it.</summary>
    /// <exception cref="ArgumentException">A selection is outside its axis or empty, or there are more selections than axes.</exception>
    public LazyArray Select(params ReadOnlySpan<AxisSelection> selections) => SliceNode.Create(this, selections);

    /// <summary>The sub-array at <paramref name="index"/> along <paramref name="axis"/>, which is removed (NumPy's <c>a[:, 3]</c> for axis 1).</summary>
    public LazyArray Take(int axis, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(axis);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(axis, Rank);
        var selections = new AxisSelection[axis + 1];
        selections.AsSpan().Fill(AxisSelection.All);
        selections[axis] = AxisSelection.At(index);
        return SliceNode.Create(this, selections);
    }

    /// <summary>
    /// Applies <paramref name="operation"/> block by block to this array and <paramref name="others"/>, broadcasting
    /// loop dimensions by its <see cref="IBlockOperation.Signature"/>. Shapes are checked now, not when computing.
    /// </summary>
    /// <exception cref="SignatureException">The arrays do not fit the signature; the message names the inputs, axes and sizes.</exception>
    /// <exception cref="ArgumentException">The operation refuses the shapes or types.</exception>
    public LazyArray MapBlocks(IBlockOperation operation, params LazyArray[] others)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(others);
        return MapBlocksNode.Create(operation, [this, .. others]);
    }

    /// <summary>
    /// Applies a delegate block by block, for in-process runs: <paramref name="function"/> receives each input's core
    /// block (typed <see cref="NDBuffer{T}"/>s; do not dispose them) and returns a new output core block. Such a plan
    /// cannot be serialised (<see cref="Plans.LazyPlan.ToJson"/> refuses it) and its keys are unique to the delegate.
    /// </summary>
    /// <param name="signature">The core signature, such as <c>(z,y,x)->(z,y,x)</c>.</param>
    /// <param name="outputType">The element type <paramref name="function"/> returns.</param>
    /// <param name="function">The block function.</param>
    /// <param name="inputs">The input arrays, in the signature's order.</param>
    /// <param name="workingSetBytes">Scratch bytes the function needs per block beyond its inputs and result.</param>
    public static LazyArray MapBlocks(string signature, DataType outputType, Func<IReadOnlyList<INDBuffer>, BlockContext, INDBuffer> function, LazyArray[] inputs, long workingSetBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        return MapBlocksNode.Create(new ClosureOperation(CoreSignature.Parse(signature), outputType.AsNative(), function, workingSetBytes), inputs);
    }
}
