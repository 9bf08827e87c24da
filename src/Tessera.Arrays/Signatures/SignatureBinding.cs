using Tessera.Shapes;

namespace Tessera.Arrays.Signatures;

/// <summary>
/// A <see cref="CoreSignature"/> applied to input shapes: the broadcast loop shape, the size of every
/// core dimension, and the output's shape. NumPy's rules: loop shapes are aligned on the right and each
/// size must equal the others or be 1 (a missing axis counts as 1).
/// </summary>
public sealed class SignatureBinding
{
    private readonly long[][] _inputShapes;
    private readonly long[] _loopShape;
    private readonly Dictionary<string, long> _coreSizes;

    private SignatureBinding(CoreSignature signature, long[][] inputShapes, long[] loopShape, Dictionary<string, long> coreSizes)
    {
        Signature = signature;
        _inputShapes = inputShapes;
        _loopShape = loopShape;
        _coreSizes = coreSizes;
        OutputCoreShape = signature.Output.Select(n => checked((int)coreSizes[n])).ToArray();
        OutputShape = [.. loopShape, .. OutputCoreShape.Select(s => (long)s)];
    }

    /// <summary>The signature.</summary>
    public CoreSignature Signature { get; }

    /// <summary>The broadcast shape of the loop dimensions.</summary>
    public ReadOnlySpan<long> LoopShape => _loopShape;

    /// <summary>The shape of the output's core dimensions.</summary>
    public int[] OutputCoreShape { get; }

    /// <summary>The output's full shape: loop dimensions, then core dimensions.</summary>
    public long[] OutputShape { get; }

    /// <summary>The number of inputs.</summary>
    public int InputCount => _inputShapes.Length;

    /// <summary>The size of core dimension <paramref name="name"/>.</summary>
    public long CoreSize(string name) => _coreSizes[name];

    /// <summary>The core shape of input <paramref name="input"/> (its trailing dimensions).</summary>
    public int[] InputCoreShape(int input)
    {
        long[] shape = _inputShapes[input];
        int core = Signature.Inputs[input].Length;
        return shape[(shape.Length - core)..].Select(s => checked((int)s)).ToArray();
    }

    /// <summary>The number of loop dimensions of input <paramref name="input"/>.</summary>
    public int InputLoopRank(int input) => _inputShapes[input].Length - Signature.Inputs[input].Length;

    /// <summary>
    /// Where input <paramref name="input"/> is read for the output loop index <paramref name="loopIndex"/>:
    /// the origin of its region (the broadcast index on loop axes, 0 on core axes).
    /// </summary>
    public long[] InputOrigin(int input, ReadOnlySpan<long> loopIndex)
    {
        long[] shape = _inputShapes[input];
        int loopRank = InputLoopRank(input);
        var origin = new long[shape.Length];
        int shift = _loopShape.Length - loopRank;
        for (int a = 0; a < loopRank; a++)
        {
            origin[a] = shape[a] == 1 ? 0 : loopIndex[a + shift];
        }

        return origin;
    }

    /// <summary>The shape of the region of input <paramref name="input"/> read per loop index: 1 on loop axes, whole on core axes.</summary>
    public int[] InputRegionShape(int input)
    {
        int loopRank = InputLoopRank(input);
        return [.. Enumerable.Repeat(1, loopRank), .. InputCoreShape(input)];
    }

    /// <summary>Binds <paramref name="signature"/> to arrays of <paramref name="inputShapes"/>.</summary>
    /// <exception cref="SignatureException">The number of inputs differs from the signature's, an input has too few dimensions, loop dimensions do not broadcast, or a core dimension has two sizes. The message names the inputs, axes and sizes.</exception>
    public static SignatureBinding Bind(CoreSignature signature, IReadOnlyList<long[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count != signature.Inputs.Length)
        {
            throw new SignatureException($"Signature '{signature}' takes {signature.Inputs.Length} input(s) but {inputShapes.Count} array(s) were given.");
        }

        var coreSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var coreOwner = new Dictionary<string, int>(StringComparer.Ordinal);
        int loopRank = 0;
        for (int i = 0; i < inputShapes.Count; i++)
        {
            long[] shape = inputShapes[i];
            var names = signature.Inputs[i];
            if (shape.Length < names.Length)
            {
                throw new SignatureException($"Signature '{signature}': input {i} has shape {ShapeMath.Format<long>(shape)}, {shape.Length} dimension(s), but its core ({string.Join(",", names)}) needs {names.Length}.");
            }

            int core0 = shape.Length - names.Length;
            for (int k = 0; k < names.Length; k++)
            {
                long size = shape[core0 + k];
                if (coreSizes.TryGetValue(names[k], out long seen) && seen != size)
                {
                    throw new SignatureException($"Signature '{signature}': core dimension '{names[k]}' is {seen} in input {coreOwner[names[k]]} but {size} in input {i}. A name shared by inputs must have one size.");
                }

                coreSizes[names[k]] = size;
                coreOwner.TryAdd(names[k], i);
            }

            loopRank = Math.Max(loopRank, core0);
        }

        var loopShape = new long[loopRank];
        loopShape.AsSpan().Fill(1);
        for (int i = 0; i < inputShapes.Count; i++)
        {
            long[] shape = inputShapes[i];
            int inputLoopRank = shape.Length - signature.Inputs[i].Length;
            int shift = loopRank - inputLoopRank;
            for (int a = 0; a < inputLoopRank; a++)
            {
                long size = shape[a];
                ref long target = ref loopShape[a + shift];
                if (size == target || size == 1)
                {
                    continue;
                }

                if (target != 1)
                {
                    throw new SignatureException(
                        $"Signature '{signature}': the loop dimensions do not broadcast. Input {i} has loop shape {ShapeMath.Format<long>(shape.AsSpan(0, inputLoopRank))} whose axis {a} is {size}, " +
                        $"but another input has {target} there. Loop sizes, aligned on the right, must be equal or 1 (for a PSF per channel use shape (C,1,pz,py,px) with an image (C,T,z,y,x)).");
                }

                target = size;
            }
        }

        return new SignatureBinding(signature, inputShapes.Select(s => s.ToArray()).ToArray(), loopShape, coreSizes);
    }
}
