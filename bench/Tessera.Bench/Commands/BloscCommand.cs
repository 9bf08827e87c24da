using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Tessera.Bench.Data;
using Tessera.Bench.Peers;
using Tessera.Codecs.Blosc;

namespace Tessera.Bench.Commands;

/// <summary>
/// <c>blosc --shape 64,256,256 [--repeat N] [--rounds R]</c>: Blosc-LZ4 (level 5, byte shuffle)
/// decode and encode throughput of Tessera and of numcodecs on the same microscopy-like uint16
/// chunk, one thread each, in MB/s (10^6 bytes) of decoded data. The two alternate for R rounds
/// of N timed runs each, so that a change in machine load affects both; figures are the medians
/// of all runs.
/// </summary>
internal sealed class BloscCommand : IBenchCommand
{
    private const string Cname = "lz4";
    private const int Level = 5;

    public string Usage => "[--shape 64,256,256] [--repeat 20] [--rounds 3]";

    public int Run(string[] args)
    {
        var options = new BenchArguments(args, "shape", "repeat", "rounds");
        int[] shape = options.GetShape("shape", [64, 256, 256]);
        int repeat = options.GetInt("repeat", 20);
        int rounds = options.GetInt("rounds", 3);
        if (shape.Length != 3)
        {
            throw new BenchUsageException($"--shape must have 3 dimensions (z,y,x); got {shape.Length}.");
        }

        byte[] chunk = MicroscopyChunk.Create(shape);
        var codec = new BloscCodec(BloscCompressor.Lz4, Level, BloscShuffle.Byte, 0, typeSize: 2);
        var frameBuffer = new byte[codec.GetMaxEncodedLength(chunk.Length)];
        byte[] frame = frameBuffer[..codec.Encode(chunk, frameBuffer)];
        var decoded = new byte[chunk.Length];
        codec.Decode(frame, decoded);
        if (!decoded.AsSpan().SequenceEqual(chunk))
        {
            Console.Error.WriteLine("Tessera's Blosc round trip failed; not timing it.");
            return 1;
        }

        using var folder = new TempFolder();
        string rawPath = folder.Combine("chunk.u2"), ourPath = folder.Combine("tessera.blosc"), theirPath = folder.Combine("numcodecs.blosc");
        File.WriteAllBytes(rawPath, chunk);
        File.WriteAllBytes(ourPath, frame);

        var timings = new Timings();
        NumcodecsBlosc.Result? peer = null;
        Warmup(() => codec.Decode(frame, decoded), () => codec.Encode(chunk, frameBuffer));
        for (int round = 0; round < rounds; round++)
        {
            double[] decodeTimes = Time(() => codec.Decode(frame, decoded), repeat);
            double[] encodeTimes = Time(() => codec.Encode(chunk, frameBuffer), repeat);
            peer = NumcodecsBlosc.Run(rawPath, ourPath, theirPath, Cname, Level, 1, repeat);
            timings.Decode.AddRange(decodeTimes);
            timings.Encode.AddRange(encodeTimes);
            timings.PeerDecode.AddRange(peer.DecodeSeconds);
            timings.PeerEncode.AddRange(peer.EncodeSeconds);
            Console.Error.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "round {0}: decode {1:F0} vs {2:F0} MB/s, encode {3:F0} vs {4:F0} MB/s",
                round + 1,
                MegabytesPerSecond(chunk.Length, decodeTimes),
                MegabytesPerSecond(chunk.Length, peer.DecodeSeconds),
                MegabytesPerSecond(chunk.Length, encodeTimes),
                MegabytesPerSecond(chunk.Length, peer.EncodeSeconds)));
        }

        codec.Decode(File.ReadAllBytes(theirPath), decoded);
        bool readsNumcodecs = decoded.AsSpan().SequenceEqual(chunk);
        Print(shape, repeat, rounds, chunk.Length, frame.Length, peer!, readsNumcodecs, timings);
        return readsNumcodecs && peer!.ReadsTessera ? 0 : 1;
    }

    private static void Warmup(params Action[] actions)
    {
        // Run each action for a while: tiered JIT compilation (of Tessera and of K4os' LZ4) only
        // settles after many calls and a quiet period. numcodecs, being native, needs no warm-up.
        foreach (var action in actions)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                action();
            }
        }

        Thread.Sleep(200);
        foreach (var action in actions)
        {
            action();
        }
    }

    private static double[] Time(Action action, int repeat)
    {
        var times = new double[repeat];
        for (int i = 0; i < repeat; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        return times;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }

    private static double MegabytesPerSecond(int bytes, IEnumerable<double> seconds) => bytes / 1e6 / Median(seconds);

    private static void Print(
        int[] shape, int repeat, int rounds, int bytes, int frameBytes, NumcodecsBlosc.Result peer, bool readsNumcodecs, Timings t)
    {
        var inv = CultureInfo.InvariantCulture;
        double decode = MegabytesPerSecond(bytes, t.Decode), encode = MegabytesPerSecond(bytes, t.Encode);
        double peerDecode = MegabytesPerSecond(bytes, t.PeerDecode), peerEncode = MegabytesPerSecond(bytes, t.PeerEncode);
        Console.WriteLine($"Blosc {Cname} clevel {Level} byte shuffle, uint16 chunk {string.Join('x', shape)} ({bytes / 1e6:F1} MB), 1 thread, median of {rounds} x {repeat} runs");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, AVX2 {Avx2.IsSupported}; peer: {peer.Version}");
        Console.WriteLine();
        Console.WriteLine(string.Format(inv, "{0,-12} {1,14} {2,14} {3,8}", "", "Tessera", "numcodecs", "ratio"));
        Console.WriteLine(string.Format(inv, "{0,-12} {1,9:F0} MB/s {2,9:F0} MB/s {3,8:F2}", "decode", decode, peerDecode, decode / peerDecode));
        Console.WriteLine(string.Format(inv, "{0,-12} {1,9:F0} MB/s {2,9:F0} MB/s {3,8:F2}", "encode", encode, peerEncode, encode / peerEncode));
        Console.WriteLine(string.Format(inv, "{0,-12} {1,14:F3} {2,14:F3}", "size ratio", (double)frameBytes / bytes, (double)peer.FrameBytes / bytes));
        Console.WriteLine($"cross-decoding: Tessera reads numcodecs' frame: {readsNumcodecs}; numcodecs reads Tessera's: {peer.ReadsTessera}");
        Console.WriteLine(string.Format(inv, "decode_mb_s={0:F0} encode_mb_s={1:F0} numcodecs_decode_mb_s={2:F0} numcodecs_encode_mb_s={3:F0}", decode, encode, peerDecode, peerEncode));
    }

    /// <summary>Seconds per run, all rounds together.</summary>
    private sealed class Timings
    {
        public List<double> Decode { get; } = [];

        public List<double> Encode { get; } = [];

        public List<double> PeerDecode { get; } = [];

        public List<double> PeerEncode { get; } = [];
    }
}
