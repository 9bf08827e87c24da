using BenchmarkDotNet.Attributes;

namespace Tessera.Bench.Codecs.Blosc;

/// <summary>The Blosc filters on one 256 KiB block (c-blosc's block size for lz4 level 5 and 2-byte items).</summary>
[MemoryDiagnoser]
public class ShuffleBenchmarks
{
    private byte[] _source = [];
    private byte[] _destination = [];
    private byte[] _scratch = [];

    [Params(2, 4, 8)]
    public int TypeSize { get; set; }

    [Params(256 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = new byte[Bytes];
        new Random(1).NextBytes(_source);
        _destination = new byte[Bytes];
        _scratch = new byte[Bytes];
    }

    [Benchmark]
    public void Shuffle() => Tessera.Codecs.Blosc.Shuffle.ShuffleBlock(TypeSize, _source, _destination);

    [Benchmark(Baseline = true)]
    public void Unshuffle() => Tessera.Codecs.Blosc.Shuffle.UnshuffleBlock(TypeSize, _source, _destination);

    [Benchmark]
    public void UnshuffleScalar() => Tessera.Codecs.Blosc.Shuffle.UnshuffleScalar(TypeSize, _source, _destination);

    [Benchmark]
    public void BitShuffle() => Tessera.Codecs.Blosc.BitShuffle.BitShuffleBlock(TypeSize, _source, _destination, _scratch);

    [Benchmark]
    public void BitUnshuffle() => Tessera.Codecs.Blosc.BitShuffle.BitUnshuffleBlock(TypeSize, _source, _destination, _scratch);

    [Benchmark]
    public void Copy() => _source.CopyTo(_destination.AsSpan());
}
