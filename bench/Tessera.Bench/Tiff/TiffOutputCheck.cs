using Tessera.Bench.Peers;
using Tessera.Bench.W2;

namespace Tessera.Bench.Tiff;

/// <summary>
/// <c>tiff --check</c>: Tessera's OME-Zarr beside the peer's, read with Debian's zarr-python 2 (independent of
/// Tessera's own reader). Level 0 of each (the first <c>multiscales</c> dataset) must have the same shape and
/// dtype and every element equal (compared one (t, c) volume at a time); the multiscales axes (name, type,
/// unit) and level 0's scale must be equal. Chunks and compressors are printed, not judged.
/// </summary>
internal static class TiffOutputCheck
{
    private const string Script = """
import json, sys
import numpy as np
import zarr
tes, peer = sys.argv[1:3]
def level0(path):
    g = zarr.open_group(path, mode="r")
    ms = g.attrs["multiscales"][0]
    ds = ms["datasets"][0]
    scale = next(t["scale"] for t in ds["coordinateTransformations"] if t["type"] == "scale")
    axes = [{k: a.get(k) for k in ("name", "type", "unit")} for a in ms["axes"]]
    return g[ds["path"]], axes, [float(s) for s in scale], ms.get("version")
a, axes_a, scale_a, ver_a = level0(tes)
b, axes_b, scale_b, ver_b = level0(peer)
ok = True
def report(what, equal, **k):
    global ok
    ok &= bool(equal)
    print(json.dumps({"check": what, "equal": bool(equal), **k}), flush=True)
report("shape", a.shape == b.shape, tessera=list(a.shape), peer=list(b.shape))
report("dtype", a.dtype == b.dtype, tessera=str(a.dtype), peer=str(b.dtype))
report("axes", axes_a == axes_b, tessera=axes_a, peer=axes_b)
report("scale", np.allclose(scale_a, scale_b, rtol=1e-12, atol=0), tessera=scale_a, peer=scale_b)
report("version", ver_a == ver_b, tessera=ver_a, peer=ver_b)
if a.shape == b.shape:
    bad, n = [], 0
    for t in range(a.shape[0]):
        for c in range(a.shape[1]):
            x, y = a[t, c], b[t, c]
            diff = int(np.count_nonzero(x != y))
            n += x.size
            if diff:
                bad.append({"t": t, "c": c, "elements_differ": diff})
    report("level0_elements", not bad, elements=n, volumes=a.shape[0] * a.shape[1], differing_volumes=bad[:10])
print(json.dumps({"tessera_chunks": list(a.chunks), "peer_chunks": list(b.chunks),
                  "tessera_compressor": a.compressor.get_config() if a.compressor else None,
                  "peer_compressor": b.compressor.get_config() if b.compressor else None,
                  "tessera_stored_mib": round(a.nbytes_stored / 2**20, 1), "peer_stored_mib": round(b.nbytes_stored / 2**20, 1)}))
print(json.dumps({"check": "all", "equal": bool(ok)}))
sys.exit(0 if ok else 3)
""";

    /// <summary>Prints one line per check; returns false when a check failed or the comparison could not run.</summary>
    public static bool Run(string tesseraImage, string peerImage)
    {
        var (code, stdout, stderr) = PeerProcess.Run(W2Paths.Python, "-c", Script, tesseraImage, peerImage);
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Console.WriteLine($"check: {line}");
        }

        if (code != 0)
        {
            Console.WriteLine(code == 3 ? "check: the outputs differ (see above)" : $"check: failed ({code}): {stderr.Trim()}");
        }

        return code == 0;
    }
}
