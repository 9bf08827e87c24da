using BenchmarkDotNet.Attributes;
using Tessera.Bench.Data;
using Tessera.Codecs.Blosc;

namespace Tessera.Bench.Codecs.Blosc;

/// <summary>Whole-chunk Blosc decode and encode of a 2 MiB microscopy-like uint16 chunk (16x256x256).</summary>
[MemoryDiagnoser]
public class BloscCodecBenchmarks
{
    private byte[] _chunk = [];
    private byte[] _frame = [];
    private byte[] _encodeBuffer = [];
    private byte[] _decoded = [];
    private BloscCodec _codec = new();

    [Params(BloscCompressor.Lz4, BloscCompressor.Zstd)]
    public BloscCompressor Compressor { get; set; }

    [Params(BloscShuffle.Byte, BloscShuffle.Bit)]
    public BloscShuffle Shuffle { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _chunk = MicroscopyChunk.Create([16, 256, 256]);
        _codec = new BloscCodec(Compressor, 5, Shuffle, 0, typeSize: 2);
        _encodeBuffer = new byte[_codec.GetMaxEncodedLength(_chunk.Length)];
        _frame = _encodeBuffer[.._codec.Encode(_chunk, _encodeBuffer)];
        _decoded = new byte[_chunk.Length];
    }

    [Benchmark]
    public int Decode() => _codec.Decode(_frame, _decoded);

    [Benchmark]
    public int Encode() => _codec.Encode(_chunk, _encodeBuffer);
}
