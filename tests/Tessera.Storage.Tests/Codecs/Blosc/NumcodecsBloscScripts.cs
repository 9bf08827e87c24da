namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>The Python (numcodecs) side of the Blosc interoperability tests; each runs once for all cases.</summary>
internal static class NumcodecsBloscScripts
{
    /// <summary>Common set-up: numcodecs' Blosc on one thread, and the cases from argv[1].</summary>
    private const string Prelude = """
        import json, os, sys
        import numpy as np
        from numcodecs import blosc
        from numcodecs.blosc import Blosc
        blosc.set_nthreads(1)
        blosc.use_threads = False
        cases = json.load(open(sys.argv[1]))
        folder = sys.argv[2]

        def as_array(raw, type_size):
            dtype = np.dtype('<u%d' % type_size) if type_size in (1, 2, 4, 8) else np.dtype('V%d' % type_size)
            return np.frombuffer(raw, dtype=dtype)

        def numcodecs_frame(case, raw):
            codec = Blosc(cname=case['cname'], clevel=case['clevel'], shuffle=case['shuffle'], blocksize=case['blocksize'])
            return codec.encode(as_array(raw, case['typeSize']))

        """;

    /// <summary>
    /// Writes, for every case, seeded smooth-plus-noise data (low bytes of a uint64 signal with 1%
    /// spikes) to its raw file and numcodecs' frame of it to the frame file.
    /// </summary>
    public const string Encode = Prelude + """
        def make(type_size, items):
            rng = np.random.default_rng(7919 * type_size + items)
            i = np.arange(items)
            v = 1000 + 400 * np.sin(i / 97.0) + 300 * np.sin(i / 1013.0) + rng.normal(0, 8, items)
            v = np.clip(v, 0, None).astype('<u8')
            spikes = rng.random(items) < 0.01
            v[spikes] = rng.integers(0, 2**62, int(spikes.sum()), dtype=np.int64).astype('<u8')
            b = v.view(np.uint8).reshape(items, 8)
            return np.ascontiguousarray(np.stack([b[:, j % 8] for j in range(type_size)], axis=1)).tobytes()

        written = {}
        for case in cases:
            if case['raw'] not in written:
                written[case['raw']] = make(case['typeSize'], case['items'])
                open(os.path.join(folder, case['raw']), 'wb').write(written[case['raw']])
            frame = numcodecs_frame(case, written[case['raw']])
            open(os.path.join(folder, case['frame']), 'wb').write(frame)
        print('ok')
        """;

    /// <summary>
    /// Decodes every case's frame with numcodecs and compares it with the raw file; writes
    /// verdicts.json with, per case, "ok" or the error, and the header numcodecs itself writes for
    /// the same data and parameters.
    /// </summary>
    public const string Decode = Prelude + """
        verdicts = {}
        for case in cases:
            raw = open(os.path.join(folder, case['raw']), 'rb').read()
            frame = open(os.path.join(folder, case['frame']), 'rb').read()
            try:
                decoded = bytes(blosc.decompress(frame))
                if decoded == raw:
                    verdict = 'ok'
                else:
                    first = next((k for k in range(min(len(raw), len(decoded))) if raw[k] != decoded[k]), min(len(raw), len(decoded)))
                    verdict = 'decoded %d bytes, expected %d; first difference at byte %d' % (len(decoded), len(raw), first)
            except Exception as e:
                verdict = 'numcodecs failed: %r' % (e,)
            verdicts[case['name']] = {'verdict': verdict, 'header': numcodecs_frame(case, raw)[:16].hex()}
        json.dump(verdicts, open(os.path.join(folder, 'verdicts.json'), 'w'))
        print('ok')
        """;
}
