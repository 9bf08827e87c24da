using System.Text;
using Tessera.Buffers;
using Tessera.Codecs;
using Tessera.DataTypes;
using Tessera.Shapes;
using Tessera.Stores;

namespace Tessera.Zarr.Formats;

/// <summary>Zarr v2 chunks: an optional numcodecs compressor over C- or F-order elements in the stored byte order.</summary>
internal sealed class V2ChunkFormat : ChunkFormat
{
    private readonly ZarrV2Metadata _metadata;
    private readonly IBytesToBytesCodec? _compressor;
    private readonly int _chunkBytes;

    public V2ChunkFormat(ZarrV2Metadata metadata, IBytesToBytesCodec? compressor)
    {
        _metadata = metadata;
        _compressor = compressor;
        _chunkBytes = checked((int)(ShapeMath.Product(metadata.Chunks) * metadata.DataType.ItemSize));
    }

    public override ReadOnlySpan<byte> FillElement => _metadata.FillValue.Element;

    private bool Fortran => _metadata.Order == MemoryOrder.F && _metadata.Chunks.Length > 1;

    private DataType DataType => _metadata.DataType;

    public override string ChunkKey(ReadOnlySpan<long> chunkIndex)
    {
        if (chunkIndex.Length == 0)
        {
            return "0";
        }

        var key = new StringBuilder();
        for (int i = 0; i < chunkIndex.Length; i++)
        {
            if (i > 0)
            {
                key.Append(_metadata.DimensionSeparator);
            }

            key.Append(chunkIndex[i]);
        }

        return key.ToString();
    }

    public override StoreValue Encode(IGatheredBytes chunk)
    {
        if (_compressor is not IGatheringEncoder gathering || Fortran || DataType.NeedsByteSwap || chunk.Length != _chunkBytes)
        {
            return base.Encode(chunk);
        }

        // C order, machine byte order: the compressor reads the chunk straight from where its bytes are.
        var encoded = StoreValue.Rent(_compressor.GetMaxEncodedLength(chunk.Length));
        try
        {
            encoded.Truncate(gathering.Encode(chunk, encoded.WritableMemory.Span));
            return encoded;
        }
        catch
        {
            encoded.Dispose();
            throw;
        }
    }

    public override StoreValue Encode(ReadOnlySpan<byte> chunk)
    {
        chunk = chunk[.._chunkBytes];
        byte[]? scratch = Fortran || DataType.NeedsByteSwap ? BufferPool.Rent<byte>(chunk.Length) : null;
        try
        {
            ReadOnlySpan<byte> source = chunk;
            if (scratch is not null)
            {
                var layout = scratch.AsSpan(0, chunk.Length);
                if (Fortran)
                {
                    ByteRegionCopy.CopyStrided(chunk, ShapeMath.CStrides(_metadata.Chunks), 0, layout, ShapeMath.FStrides(_metadata.Chunks), 0, _metadata.Chunks, DataType.ItemSize);
                }
                else
                {
                    chunk.CopyTo(layout);
                }

                if (DataType.NeedsByteSwap)
                {
                    Endianness.SwapInPlace(layout, DataType.ItemSize);
                }

                source = layout;
            }

            if (_compressor is null)
            {
                var raw = StoreValue.Rent(source.Length);
                source.CopyTo(raw.WritableMemory.Span);
                return raw;
            }

            var encoded = StoreValue.Rent(_compressor.GetMaxEncodedLength(source.Length));
            try
            {
                encoded.Truncate(_compressor.Encode(source, encoded.WritableMemory.Span));
                return encoded;
            }
            catch
            {
                encoded.Dispose();
                throw;
            }
        }
        finally
        {
            if (scratch is not null)
            {
                BufferPool.Return(scratch);
            }
        }
    }

    public override void Decode(ReadOnlySpan<byte> stored, Span<byte> chunk, string chunkName, string file)
    {
        var destination = chunk[.._chunkBytes];
        byte[]? scratch = Fortran ? BufferPool.Rent<byte>(destination.Length) : null;
        try
        {
            Span<byte> decoded = Fortran ? scratch.AsSpan(0, destination.Length) : destination;
            int length;
            if (_compressor is null)
            {
                length = stored.Length;
                stored[..Math.Min(stored.Length, decoded.Length)].CopyTo(decoded);
            }
            else
            {
                try
                {
                    length = _compressor.Decode(stored, decoded);
                }
                catch (CodecException ex)
                {
                    throw new ZarrFormatException($"Chunk {chunkName} could not be decoded: {ex.Message}", ex);
                }
            }

            if (length != decoded.Length)
            {
                throw new ZarrFormatException(WrongLength(chunkName, length, decoded.Length, _metadata.Chunks, DataType));
            }

            if (DataType.NeedsByteSwap)
            {
                Endianness.SwapInPlace(decoded, DataType.ItemSize);
            }

            if (Fortran)
            {
                ByteRegionCopy.CopyStrided(decoded, ShapeMath.FStrides(_metadata.Chunks), 0, destination, ShapeMath.CStrides(_metadata.Chunks), 0, _metadata.Chunks, DataType.ItemSize);
            }
        }
        finally
        {
            if (scratch is not null)
            {
                BufferPool.Return(scratch);
            }
        }
    }
}
