using System.Text.Json.Nodes;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;

namespace Tessera.Arrays.Graph;

/// <summary>
/// A block operation applied over the broadcast loop dimensions of its inputs. Output blocks are whole
/// along the core dimensions and chunked along loop dimensions like the first input that spans each;
/// for every loop index in a block, each input is read at its broadcast position (index 0 where its
/// size is 1), so an image chunked (1,1,Z,Y,X) and a PSF of shape (C,1,pz,py,px) pair without user code.
/// </summary>
internal sealed class MapBlocksNode : LazyArray
{
    private readonly SignatureBinding _binding;

    private MapBlocksNode(IBlockOperation operation, LazyArray[] inputs, SignatureBinding binding, int[] chunks)
        : base(binding.OutputShape, operation.OutputType(inputs.Select(i => i.DataType).ToArray()), chunks, inputs)
    {
        Operation = operation;
        _binding = binding;
    }

    public IBlockOperation Operation { get; }

    public override string NodeKind => "map_blocks";

    private protected override bool IsDescribable => Operation is not ClosureOperation;

    /// <summary>Binds <paramref name="operation"/> to <paramref name="inputs"/>, refusing bad shapes before any compute.</summary>
    /// <exception cref="SignatureException">The inputs do not fit the signature.</exception>
    /// <exception cref="ArgumentException">The operation refuses the core shapes or input types.</exception>
    public static MapBlocksNode Create(IBlockOperation operation, LazyArray[] inputs)
    {
        var binding = SignatureBinding.Bind(operation.Signature, inputs.Select(i => i.ShapeArray).ToArray());
        operation.OutputType(inputs.Select(i => i.DataType).ToArray());
        operation.Validate(Enumerable.Range(0, inputs.Length).Select(binding.InputCoreShape).ToArray());
        int loopRank = binding.LoopShape.Length;
        var chunks = new int[binding.OutputShape.Length];
        for (int a = 0; a < loopRank; a++)
        {
            chunks[a] = 1;
            for (int i = 0; i < inputs.Length; i++)
            {
                int shift = loopRank - binding.InputLoopRank(i);
                if (a >= shift && inputs[i].Shape[a - shift] == binding.LoopShape[a] && binding.LoopShape[a] > 1)
                {
                    chunks[a] = inputs[i].Chunks.ChunkShape[a - shift];
                    break;
                }
            }
        }

        binding.OutputCoreShape.CopyTo(chunks, loopRank);
        return new MapBlocksNode(operation, inputs, binding, chunks);
    }

    internal override JsonObject Describe() => new()
    {
        ["node"] = NodeKind,
        ["operation"] = Operation.Name,
        ["signature"] = Operation.Signature.Text,
        ["parameters"] = Operation.Parameters.DeepClone(),
    };

    internal override async ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context)
    {
        int loopRank = _binding.LoopShape.Length;
        int[] core = _binding.OutputCoreShape;
        var output = NDBuffers.Allocate(DataType, shape, clear: false);
        try
        {
            var loopIndex = new long[loopRank];
            var position = new int[loopRank];
            long count = 1;
            for (int a = 0; a < loopRank; a++)
            {
                count *= shape[a];
            }

            for (long n = 0; n < count; n++)
            {
                for (int a = 0; a < loopRank; a++)
                {
                    loopIndex[a] = origin[a] + position[a];
                }

                using (var result = await ComputeOneAsync(loopIndex, context).ConfigureAwait(false))
                {
                    CopyIntoOutput(result, core, origin, shape, position, output);
                }

                Advance(position, shape);
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    internal override long RegionWorkingSet(int[] shape)
    {
        long inputs = 0;
        var coreShapes = new int[Inputs.Count][];
        for (int i = 0; i < Inputs.Count; i++)
        {
            coreShapes[i] = _binding.InputCoreShape(i);
            inputs += Inputs[i].RegionWorkingSet(_binding.InputRegionShape(i));
        }

        return inputs + Operation.WorkingSetBytes(coreShapes) + RegionBytes(_binding.OutputCoreShape) + RegionBytes(shape);
    }

    private static void Advance(int[] position, int[] shape)
    {
        for (int a = position.Length - 1; a >= 0; a--)
        {
            if (++position[a] < shape[a])
            {
                return;
            }

            position[a] = 0;
        }
    }

    private async ValueTask<INDBuffer> ComputeOneAsync(long[] loopIndex, RegionContext context)
    {
        var blocks = new INDBuffer[Inputs.Count];
        var keys = new string[Inputs.Count];
        try
        {
            for (int i = 0; i < Inputs.Count; i++)
            {
                long[] inputOrigin = _binding.InputOrigin(i, loopIndex);
                keys[i] = $"{Inputs[i].Token}@{string.Join(",", inputOrigin)}";
                var region = await Inputs[i].ReadRegionAsync(inputOrigin, _binding.InputRegionShape(i), context).ConfigureAwait(false);
                blocks[i] = region.Reshape(_binding.InputCoreShape(i));
            }

            using (await context.EnterComputeAsync().ConfigureAwait(false))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var result = Operation.Execute(blocks, new BlockContext(context.Threads, keys, context.CancellationToken));
                if (result.ElementType != DataType || !result.Shape.SequenceEqual(_binding.OutputCoreShape))
                {
                    var shape = result.Shape.ToArray();
                    result.Dispose();
                    throw new InvalidOperationException(
                        $"Operation '{Operation.Name}' returned a {result.ElementType.Name} block of shape ({string.Join(", ", shape)}); its signature and types promise {DataType.Name} of ({string.Join(", ", _binding.OutputCoreShape)}).");
                }

                return result;
            }
        }
        finally
        {
            foreach (var block in blocks)
            {
                block?.Dispose();
            }
        }
    }

    private void CopyIntoOutput(INDBuffer result, int[] core, long[] origin, int[] shape, int[] position, INDBuffer output)
    {
        int loopRank = position.Length;
        int rank = shape.Length;

        // The result is the whole core block; the region may take only part of it along core axes.
        var sourceShape = new int[rank];
        var sourceOrigin = new long[rank];
        var destinationOrigin = new long[rank];
        var regionShape = new int[rank];
        for (int a = 0; a < rank; a++)
        {
            if (a < loopRank)
            {
                sourceShape[a] = 1;
                destinationOrigin[a] = position[a];
                regionShape[a] = 1;
            }
            else
            {
                sourceShape[a] = core[a - loopRank];
                sourceOrigin[a] = origin[a];
                regionShape[a] = shape[a];
            }
        }

        ByteRegionCopy.CopyRegion(result.Bytes, sourceShape, sourceOrigin, output.Bytes, shape, destinationOrigin, regionShape, DataType.ItemSize);
    }
}
