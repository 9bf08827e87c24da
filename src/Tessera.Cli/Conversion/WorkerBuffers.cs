using System.Collections.Concurrent;

namespace Tessera.Cli.Conversion;

/// <summary>
/// The scratch memory of one conversion worker: a whole output chunk and a tile (the input region it
/// reads at once, or the in-array part of an edge chunk). Workers rent these from a <see cref="Pool"/>,
/// so memory stays at a few chunks per worker however large the array is.
/// </summary>
internal sealed class WorkerBuffers
{
    private readonly int _tileBytes;
    private byte[]? _tile;

    private WorkerBuffers(int chunkBytes, int tileBytes)
    {
        _tileBytes = tileBytes;
        Chunk = GC.AllocateUninitializedArray<byte>(chunkBytes);
    }

    /// <summary>A whole output chunk.</summary>
    public byte[] Chunk { get; }

    /// <summary>The buffer for a tile's region, allocated on first use (interior chunks read as whole chunks need none).</summary>
    public byte[] Tile => _tile ??= GC.AllocateUninitializedArray<byte>(_tileBytes);

    /// <summary>Buffers shared by the workers of one conversion; at most one set per concurrent worker exists.</summary>
    /// <param name="chunkBytes">The size of one output chunk in bytes.</param>
    /// <param name="tileBytes">The size of one tile in bytes (at least <paramref name="chunkBytes"/>).</param>
    public sealed class Pool(int chunkBytes, int tileBytes)
    {
        private readonly ConcurrentBag<WorkerBuffers> _free = [];

        /// <summary>A free set of buffers, or a new one.</summary>
        public WorkerBuffers Rent() => _free.TryTake(out var buffers) ? buffers : new WorkerBuffers(chunkBytes, tileBytes);

        /// <summary>Gives <paramref name="buffers"/> back for the next tile.</summary>
        public void Return(WorkerBuffers buffers) => _free.Add(buffers);
    }
}
