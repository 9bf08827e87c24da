using Tessera.Codecs;
using Tessera.Stores;
using Tessera.Zarr.V3;
using Tessera.Zarr.V3.Codecs;

namespace Tessera.Zarr.Formats;

/// <summary>Zarr v3 chunks without sharding: the array's codec pipeline, keys from its chunk key encoding.</summary>
internal sealed class V3ChunkFormat(ZarrV3Metadata metadata, V3CodecPipeline codecs) : ChunkFormat
{
    public override ReadOnlySpan<byte> FillElement => metadata.FillValue.Element;

    public override string ChunkKey(ReadOnlySpan<long> chunkIndex) => metadata.ChunkKey(chunkIndex);

    public override StoreValue Encode(ReadOnlySpan<byte> chunk) => codecs.EncodePooled(chunk[..codecs.DecodedLength]);

    public override void Decode(ReadOnlySpan<byte> stored, Span<byte> chunk, string chunkName, string file)
    {
        try
        {
            codecs.Decode(stored, chunk[..codecs.DecodedLength]);
        }
        catch (CodecException ex)
        {
            throw new ZarrFormatException($"Chunk {chunkName} could not be decoded: {ex.Message}", ex);
        }
    }
}
