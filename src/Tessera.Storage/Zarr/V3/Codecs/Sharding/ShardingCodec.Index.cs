using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Tessera.Codecs;

namespace Tessera.Zarr.V3.Codecs.Sharding;

// codecs/sharding-indexed, "Binary shard format": the index is a uint64 array of shape [n_0, ..., n_{k-1}, 2] in C order,
// (offset, nbytes) per inner chunk, offsets counted from the start of the shard; 2^64-1 in both marks a missing inner
// chunk. index_codecs encode it: bytes writes the 16·n raw bytes in its byte order, crc32c appends their checksum.
public sealed partial class ShardingCodec
{
    /// <summary>Decodes and checks the encoded index of a shard (its <see cref="IndexRange"/>).</summary>
    /// <param name="encodedIndex">The <see cref="IndexByteLength"/> bytes of the index.</param>
    /// <param name="shardLength">The stored shard's length when known (whole-shard reads), so that entries can be checked against it; null for partial reads.</param>
    /// <param name="source">The shard's file, named in errors.</param>
    /// <returns>The index; every stored entry lies outside the index region and, when <paramref name="shardLength"/> is given, inside the shard.</returns>
    /// <exception cref="ZarrFormatException">
    /// The index has the wrong length, fails its crc32c checksum, has an entry with only one of offset and nbytes
    /// 2^64-1, an entry that overlaps the index itself, or an entry past the end of the shard.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shardLength"/> is negative.</exception>
    public ShardIndex DecodeIndex(ReadOnlySpan<byte> encodedIndex, long? shardLength, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (shardLength is long length)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(shardLength));
        }

        if (encodedIndex.Length != IndexByteLength)
        {
            throw new ZarrFormatException(
                $"'{source}': the shard index is {encodedIndex.Length} bytes; expected {IndexByteLength} ({InnerChunkCount} inner chunks × {EntrySize} bytes{(_indexChecksum ? " + a 4-byte crc32c" : string.Empty)}). " +
                "The shard is truncated or was written with other metadata.");
        }

        var raw = encodedIndex[..(InnerChunkCount * EntrySize)];
        if (_indexChecksum)
        {
            uint stored = BinaryPrimitives.ReadUInt32LittleEndian(encodedIndex[raw.Length..]);
            uint computed = Crc32C.Compute(raw);
            if (stored != computed)
            {
                throw new ZarrFormatException(
                    $"'{source}': the shard index fails its crc32c checksum: the stored checksum is 0x{stored:X8}, but the {raw.Length} index bytes hash to 0x{computed:X8}. " +
                    "The shard is corrupt; rewrite it from a good copy.");
            }
        }

        // The index region: the first IndexByteLength bytes, or the last ones when the shard's length is known.
        long indexStart = IndexAtStart ? 0 : (shardLength ?? long.MaxValue) - IndexByteLength;
        long indexEnd = IndexAtStart ? IndexByteLength : shardLength ?? long.MaxValue;
        var entries = new long[2 * InnerChunkCount];
        for (int i = 0; i < InnerChunkCount; i++)
        {
            ulong offset = ReadEntry(raw[(i * EntrySize)..]);
            ulong nbytes = ReadEntry(raw[((i * EntrySize) + sizeof(ulong))..]);
            if (offset == ShardIndex.EmptyEntry && nbytes == ShardIndex.EmptyEntry)
            {
                entries[2 * i] = entries[(2 * i) + 1] = -1;
                continue;
            }

            if (offset == ShardIndex.EmptyEntry || nbytes == ShardIndex.EmptyEntry)
            {
                ThrowOneSided(i, offset, nbytes, source);
            }

            if (offset > long.MaxValue || nbytes > (ulong)long.MaxValue - offset)
            {
                ThrowEntry(i, $"needs bytes {offset}..{offset + (decimal)nbytes}, past any possible shard", source);
            }

            long start = (long)offset;
            long end = start + (long)nbytes;
            if (end > shardLength)
            {
                ThrowEntry(i, $"needs bytes {start}..{end} but the shard has {shardLength} bytes", source, prefix: "the shard is shorter than its index says: ");
            }

            if (nbytes > 0 && start < indexEnd && end > indexStart)
            {
                ThrowEntry(i, $"at bytes {start}..{end} overlaps the shard index at bytes {indexStart}..{indexEnd}", source);
            }

            entries[2 * i] = start;
            entries[(2 * i) + 1] = end - start;
        }

        return new ShardIndex(entries);
    }

    /// <summary>Encodes an index of (offset, length) pairs, -1 for inner chunks not stored, into <paramref name="destination"/> (<see cref="IndexByteLength"/> bytes).</summary>
    private void EncodeIndex(ReadOnlySpan<long> entries, Span<byte> destination)
    {
        var raw = destination[..(InnerChunkCount * EntrySize)];
        for (int i = 0; i < entries.Length; i++)
        {
            ulong value = entries[i] < 0 ? ShardIndex.EmptyEntry : (ulong)entries[i];
            var slot = raw[(i * sizeof(ulong))..];
            if (_indexBigEndian)
            {
                BinaryPrimitives.WriteUInt64BigEndian(slot, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(slot, value);
            }
        }

        if (_indexChecksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[raw.Length..], Crc32C.Compute(raw));
        }
    }

    private ulong ReadEntry(ReadOnlySpan<byte> slot) =>
        _indexBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(slot) : BinaryPrimitives.ReadUInt64LittleEndian(slot);

    [DoesNotReturn]
    private void ThrowOneSided(int inner, ulong offset, ulong nbytes, string source)
    {
        string empty = offset == ShardIndex.EmptyEntry ? "offset" : "nbytes";
        string other = offset == ShardIndex.EmptyEntry ? $"nbytes is {nbytes}" : $"offset is {offset}";
        ThrowEntry(
            inner,
            $"has {empty} 2^64-1 (the mark of an inner chunk that is not stored) but its {other}; a missing inner chunk has both offset and nbytes 2^64-1",
            source);
    }

    [DoesNotReturn]
    private void ThrowEntry(int inner, string detail, string source, string prefix = "") =>
        throw new ZarrFormatException(
            $"'{source}': {prefix}inner chunk {ShardIndex.FormatPosition(inner, _innerGrid)} {detail}. The shard is corrupt or truncated; rewrite it from a good copy.");
}
