namespace Tessera.Arrays.Scheduling;

/// <summary>A block task kept failing; the job stopped. The inner exception is the last cause.</summary>
public sealed class BlockFailedException : TesseraException
{
    /// <summary>Creates the exception for the block at <paramref name="chunkIndex"/>.</summary>
    public BlockFailedException(string key, long[] chunkIndex, int attempts, Exception cause)
        : base($"Block ({string.Join(", ", chunkIndex)}) [{key}] failed after {attempts} attempt(s): {cause.Message}", cause)
    {
        Key = key;
        ChunkIndex = chunkIndex;
        Attempts = attempts;
    }

    /// <summary>The failing task's key.</summary>
    public string Key { get; }

    /// <summary>The chunk index of the failing block.</summary>
    public IReadOnlyList<long> ChunkIndex { get; }

    /// <summary>How many times the block was tried.</summary>
    public int Attempts { get; }
}
