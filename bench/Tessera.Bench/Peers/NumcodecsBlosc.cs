using System.Globalization;
using System.Text.Json;

namespace Tessera.Bench.Peers;

/// <summary>Times numcodecs' Blosc (c-blosc 1.21 via Debian's python3-numcodecs) on one thread.</summary>
internal static class NumcodecsBlosc
{
    private const string Interpreter = "/usr/bin/python3";

    private const string Script = """
        import json, sys, time
        import numpy as np
        import numcodecs
        from numcodecs import blosc
        from numcodecs.blosc import Blosc
        blosc.set_nthreads(1)
        blosc.use_threads = False  # blosc_compress_ctx / blosc_decompress_ctx with one internal thread
        raw_path, tessera_frame_path, frame_path = sys.argv[1:4]
        cname, clevel, shuffle, repeat = sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
        data = np.fromfile(raw_path, dtype='<u2')
        codec = Blosc(cname=cname, clevel=clevel, shuffle=shuffle, blocksize=0)

        def timings(f):
            for _ in range(3):
                f()
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                f()
                times.append(time.perf_counter() - t)
            return times

        frame = codec.encode(data)
        out = np.empty_like(data)
        encode_s = timings(lambda: codec.encode(data))
        decode_s = timings(lambda: codec.decode(frame, out=out))
        tessera_frame = open(tessera_frame_path, 'rb').read()
        reads_tessera = bool(np.array_equal(np.frombuffer(codec.decode(tessera_frame), dtype='<u2'), data))
        open(frame_path, 'wb').write(frame)
        print(json.dumps({'encode_s': encode_s, 'decode_s': decode_s, 'frame_bytes': len(frame),
                          'reads_tessera': reads_tessera, 'numcodecs': numcodecs.__version__, 'cblosc': blosc.VERSION_STRING}))
        """;

    /// <summary>Encode and decode times (<paramref name="repeat"/> of each) of the uint16 data in <paramref name="rawPath"/>, and numcodecs' frame of it.</summary>
    public static Result Run(string rawPath, string tesseraFramePath, string framePath, string cname, int clevel, int shuffle, int repeat)
    {
        var environment = new Dictionary<string, string> { ["BLOSC_NTHREADS"] = "1" };
        var (code, stdout, stderr) = PeerProcess.Run(
            Interpreter, environment, "-c", Script, rawPath, tesseraFramePath, framePath, cname, clevel.ToString(CultureInfo.InvariantCulture), shuffle.ToString(CultureInfo.InvariantCulture), repeat.ToString(CultureInfo.InvariantCulture));
        if (code != 0)
        {
            throw new InvalidOperationException($"numcodecs benchmark failed ({Interpreter} exited with {code}):\n{stderr}");
        }

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        return new Result(
            [.. root.GetProperty("encode_s").EnumerateArray().Select(e => e.GetDouble())],
            [.. root.GetProperty("decode_s").EnumerateArray().Select(e => e.GetDouble())],
            root.GetProperty("frame_bytes").GetInt32(),
            root.GetProperty("reads_tessera").GetBoolean(),
            $"numcodecs {root.GetProperty("numcodecs").GetString()}, c-blosc {root.GetProperty("cblosc").GetString()}");
    }

    /// <summary>numcodecs' figures: seconds per encode and per decode, its frame size, and whether it read Tessera's frame back.</summary>
    internal sealed record Result(double[] EncodeSeconds, double[] DecodeSeconds, int FrameBytes, bool ReadsTessera, string Version);
}
