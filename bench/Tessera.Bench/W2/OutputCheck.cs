using Tessera.Bench.Peers;

namespace Tessera.Bench.W2;

/// <summary>
/// <c>--check</c>: Tessera's output beside Dask's, read with Debian's zarr-python 2 (independent of
/// Tessera's own reader). Per (c, t) volume: the relative L2 difference ||T − D|| / ||D|| over all
/// voxels and over the interior (the PSF half-size removed from every side, where the two padding
/// conventions agree most), the largest difference relative to Dask's maximum, and each output's
/// correlation coefficient with the ground truth over the interior (invariant to scale and to the
/// camera offset that RL carries through).
/// The two do not compute the same thing, so the difference is reported, not judged: scikit-image
/// starts from 0.5 everywhere and convolves with zero padding (scipy.signal.convolve, mode "same"),
/// whereas Tessera (like ITK) starts from the image and pads it; see bench-peers/rl_numpy.py. The
/// correlation with the truth says which result is closer to the object.
/// </summary>
internal static class OutputCheck
{
    private const string Script = """
import json, sys
import numpy as np
import zarr
inp, tes, dsk = sys.argv[1:4]
g = zarr.open_group(inp, mode="r")
t_arr = zarr.open_array(tes, mode="r")
d_arr = zarr.open_array(dsk, mode="r")
if t_arr.shape != d_arr.shape:
    print(json.dumps({"error": f"shapes differ: tessera {t_arr.shape} dask {d_arr.shape}"}))
    sys.exit(1)
crop = [p // 2 for p in g["psf"].shape[2:]]
r4 = lambda x: float(f"{x:.4g}")
def pearson(x, y):
    return r4(np.corrcoef(x.ravel(), y.ravel())[0, 1])
C, T = t_arr.shape[:2]
rels, inners = [], []
for c in range(C):
    for t in range(T):
        a = np.asarray(t_arr[c, t], dtype=np.float64)
        b = np.asarray(d_arr[c, t], dtype=np.float64)
        inner = tuple(slice(k, n - k) for k, n in zip(crop, a.shape))
        rel = float(np.linalg.norm(a - b) / np.linalg.norm(b))
        rel_in = float(np.linalg.norm(a[inner] - b[inner]) / np.linalg.norm(b[inner]))
        rels.append(rel); inners.append(rel_in)
        rec = {"c": c, "t": t, "rel_l2": r4(rel), "rel_l2_interior": r4(rel_in),
               "max_abs_rel": r4(np.abs(a - b).max() / np.abs(b).max()), "finite": bool(np.isfinite(a).all())}
        if "truth" in g:
            truth = np.asarray(g["truth"][c, t], dtype=np.float64)
            rec["r_truth_interior_tessera"] = pearson(a[inner], truth[inner])
            rec["r_truth_interior_dask"] = pearson(b[inner], truth[inner])
        print(json.dumps(rec), flush=True)
print(json.dumps({"tessera_dtype": str(t_arr.dtype), "tessera_chunks": list(t_arr.chunks), "interior_crop": crop,
                  "rel_l2_max": r4(max(rels)), "rel_l2_interior_max": r4(max(inners))}))
""";

    /// <summary>Prints one line per volume; returns false when the comparison could not run.</summary>
    public static bool Run(string input, string tesseraArray, string daskArray)
    {
        var (code, stdout, stderr) = PeerProcess.Run(W2Paths.Python, "-c", Script, input, tesseraArray, daskArray);
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Console.WriteLine($"check: {line}");
        }

        if (code != 0)
        {
            Console.WriteLine($"check: failed ({code}): {stderr.Trim()}");
        }

        return code == 0;
    }
}
