namespace Tessera.Cli.Conversion;

/// <summary>What <see cref="ChunkConverter"/> did.</summary>
/// <param name="ChunksWritten">Output chunks encoded and stored.</param>
/// <param name="ChunksSkipped">Output chunks that held only the fill value and were not stored, as zarr-python does with <c>write_empty_chunks=False</c>.</param>
/// <param name="DecodedBytes">Bytes of array data copied (the array's decoded size).</param>
internal readonly record struct ConversionResult(long ChunksWritten, long ChunksSkipped, long DecodedBytes);
