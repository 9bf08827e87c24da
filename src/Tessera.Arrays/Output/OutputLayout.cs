using System.Text.Json.Nodes;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs.Sharding;

namespace Tessera.Arrays.Output;

/// <summary>The metadata of a job's output array, in the format the write options ask for.</summary>
internal static class OutputLayout
{
    /// <summary>Creates the output array in <paramref name="store"/>'s root, metadata written (attributes follow with the job record).</summary>
    /// <exception cref="ZarrFormatException">The codecs or inner chunk shape do not fit the array (e.g. inner chunks that do not divide the blocks).</exception>
    public static async Task<ZarrArray> CreateAsync(LazyArray array, IStore store, ZarrWriteOptions options, CancellationToken cancellationToken) =>
        options.Format == ZarrFormat.V3
            ? await ZarrArray.CreateAsync(store, "", V3Metadata(array, options), cancellationToken: cancellationToken).ConfigureAwait(false)
            : await ZarrArray.CreateAsync(store, "", V2Metadata(array, options), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The output's metadata document as <see cref="CreateAsync"/> writes it, without attributes: recorded with the
    /// job, so that a run asking for another format, codecs or shards never continues an output made otherwise.
    /// </summary>
    public static JsonObject Describe(LazyArray array, ZarrWriteOptions options)
    {
        if (options.Format == ZarrFormat.V3)
        {
            var json = V3Metadata(array, options).ToJson();
            json.Remove("attributes");
            return json;
        }

        return V2Metadata(array, options).ToJson();
    }

    /// <summary>
    /// The stored chunk shape: <see cref="ZarrWriteOptions.Chunks"/>, which must tile every block with whole chunks so
    /// that no two blocks share a chunk, or else the blocks' shape.
    /// </summary>
    /// <exception cref="ArgumentException">The chunks do not tile the blocks.</exception>
    public static int[] StoredChunks(LazyArray array, ZarrWriteOptions options)
    {
        var blocks = array.Chunks.ChunkShape;
        if (options.Chunks is not { } chunks)
        {
            return blocks.ToArray();
        }

        if (chunks.Length != array.Rank)
        {
            throw new ArgumentException($"Chunks {ShapeMath.Format<int>(chunks)} have {chunks.Length} dimensions; the array has {array.Rank}.", nameof(options));
        }

        for (int d = 0; d < chunks.Length; d++)
        {
            bool oneBlock = blocks[d] >= array.Shape[d];
            if (chunks[d] <= 0 || (!oneBlock && blocks[d] % chunks[d] != 0))
            {
                throw new ArgumentException(
                    $"Chunks {ShapeMath.Format<int>(chunks)} do not tile the computed blocks {ShapeMath.Format(blocks)} along axis {d}: each block must be stored as whole chunks, so the chunk size must divide the block size.", nameof(options));
            }
        }

        return [.. chunks];
    }

    /// <summary>Which Zarr node, of either format, is in <paramref name="folder"/>; null when none is.</summary>
    public static ZarrMemberKind? Probe(string folder)
    {
        if (File.Exists(Path.Combine(folder, ZarrV2Metadata.ArrayKey)))
        {
            return ZarrMemberKind.Array;
        }

        if (File.Exists(Path.Combine(folder, ZarrNode.GroupKey)))
        {
            return ZarrMemberKind.Group;
        }

        string v3 = Path.Combine(folder, ZarrV3Node.MetadataKey);
        if (!File.Exists(v3))
        {
            return null;
        }

        try
        {
            return ZarrV3Node.Parse(File.ReadAllBytes(v3), v3) is ZarrV3Metadata ? ZarrMemberKind.Array : ZarrMemberKind.Group;
        }
        catch (ZarrFormatException)
        {
            return null;
        }
    }

    /// <summary>The default v3 codecs: little-endian bytes, then Blosc LZ4 level 5 with byte shuffle (as the v2 default).</summary>
    public static IReadOnlyList<V3Codec> DefaultV3Codecs(Tessera.DataTypes.DataType dataType) =>
    [
        new V3Codec("bytes", new JsonObject { ["endian"] = "little" }),
        new V3Codec("blosc", new JsonObject
        {
            ["cname"] = "lz4",
            ["clevel"] = 5,
            ["shuffle"] = dataType.ItemSize > 1 ? "shuffle" : "noshuffle",
            ["typesize"] = dataType.ItemSize,
            ["blocksize"] = 0,
        }),
    ];

    private static ZarrV2Metadata V2Metadata(LazyArray array, ZarrWriteOptions options)
    {
        if (options.Codecs is not null || options.InnerChunks is not null || options.DimensionNames is not null)
        {
            throw new ArgumentException("Codecs, inner chunks (shards) and dimension names are Zarr v3 features; set Format to ZarrFormat.V3 to use them.", nameof(options));
        }

        return new ZarrV2Metadata
        {
            Shape = array.Shape.ToArray(),
            Chunks = StoredChunks(array, options),
            DataType = array.DataType,
            Compressor = options.Compressor?.DeepClone().AsObject() ?? DefaultCompressor(),
            FillValue = FillValue.Zero(array.DataType),
        };
    }

    private static ZarrV3Metadata V3Metadata(LazyArray array, ZarrWriteOptions options)
    {
        var codecs = options.Codecs ?? DefaultV3Codecs(array.DataType);
        IReadOnlyList<V3Codec> chain = options.InnerChunks is { } inner ? [ShardingCodec.Describe(inner, codecs)] : codecs;
        return new ZarrV3Metadata
        {
            Shape = array.Shape.ToArray(),
            ChunkShape = StoredChunks(array, options),
            DataType = array.DataType,
            FillValue = V3FillValue.Parse(array.DataType.Kind == Tessera.DataTypes.DataTypeKind.Bool ? false : 0, array.DataType),
            Codecs = chain,
            DimensionNames = options.DimensionNames,
        };
    }

    private static JsonObject DefaultCompressor() => new()
    {
        ["id"] = "blosc",
        ["cname"] = "lz4",
        ["clevel"] = 5,
        ["shuffle"] = 1,
        ["blocksize"] = 0,
    };
}
