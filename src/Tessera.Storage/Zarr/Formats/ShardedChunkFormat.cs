using Tessera.Stores;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs.Sharding;

namespace Tessera.Zarr.Formats;

/// <summary>
/// Zarr v3 chunks that are shards (<c>sharding_indexed</c>): a whole chunk is a whole shard, encoded and
/// stored as one value; <see cref="ZarrArray"/> reads parts of shards through <see cref="Sharding"/>.
/// </summary>
internal sealed class ShardedChunkFormat(ZarrV3Metadata metadata, ShardingCodec sharding) : ChunkFormat
{
    /// <summary>The prepared sharding codec: inner chunk shape, inner codecs and index layout.</summary>
    public ShardingCodec Sharding => sharding;

    public override ReadOnlySpan<byte> FillElement => metadata.FillValue.Element;

    public override string ChunkKey(ReadOnlySpan<long> chunkIndex) => metadata.ChunkKey(chunkIndex);

    public override StoreValue Encode(ReadOnlySpan<byte> chunk) =>
        StoreValue.FromImmutable(sharding.EncodeShard(chunk[..sharding.ShardByteLength], FillElement));

    public override void Decode(ReadOnlySpan<byte> stored, Span<byte> chunk, string chunkName, string file) =>
        sharding.DecodeShard(stored, chunk[..sharding.ShardByteLength], FillElement, file);
}
