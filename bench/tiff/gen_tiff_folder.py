#!/usr/bin/python3
"""Deterministic synthetic light-sheet data as a folder of per-channel, per-time-point TIFFs.

Writes <out>/ch{c}_t{t:03}.tif for c < C and t < T: each one uint16 (Z, Y, X) z-stack, uncompressed,
photometric minisblack, written by tifffile.imwrite (one page per z-plane), the layout a microscope's
acquisition software produces. Default 2 channels x 8 time points x (64, 512, 512) = 512 MiB.

Content per channel: a few hundred Gaussian blobs (nuclei-like, sigma 2-8 voxels laterally, half that
axially) on a camera offset; each time point moves every blob a little (a drifting sample) and adds
noise: Gaussian with variance = signal (shot-noise approximation) plus read noise. Channel c and time
point t use their own stream SeedSequence([seed, c, t]) / ([seed, c]) so that the same arguments give
byte-identical files. numpy and tifffile only; about a second per file.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import tifffile


def blobs(shape, rng, count, amplitude):
    """(positions (count, 3), sigmas (count, 3), amplitudes (count,)) of Gaussian blobs inside `shape`."""
    z, y, x = shape
    pos = rng.uniform([0, 0, 0], [z, y, x], size=(count, 3))
    lateral = rng.uniform(2.0, 8.0, size=count)
    sig = np.stack([np.maximum(lateral / 2.0, 1.0), lateral, lateral], axis=1)
    amp = rng.uniform(0.2, 1.0, size=count) * amplitude
    return pos, sig, amp


def render(shape, pos, sig, amp):
    """Sum of separable Gaussians, each evaluated only in its +-3 sigma box (fast for many blobs)."""
    out = np.zeros(shape, dtype=np.float32)
    for p, s, a in zip(pos, sig, amp):
        lo = [max(0, int(np.floor(p[d] - 3 * s[d]))) for d in range(3)]
        hi = [min(shape[d], int(np.ceil(p[d] + 3 * s[d])) + 1) for d in range(3)]
        if any(h <= l for l, h in zip(lo, hi)):
            continue
        g = [np.exp(-0.5 * ((np.arange(lo[d], hi[d], dtype=np.float32) - p[d]) / s[d]) ** 2) for d in range(3)]
        out[lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2]] += a * g[0][:, None, None] * g[1][None, :, None] * g[2][None, None, :]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="output folder (created; existing files of the pattern are overwritten)")
    ap.add_argument("--channels", type=int, default=2)
    ap.add_argument("--timepoints", type=int, default=8)
    ap.add_argument("--shape", type=int, nargs=3, default=[64, 512, 512], metavar=("Z", "Y", "X"))
    ap.add_argument("--blobs", type=int, default=300, help="blobs per channel")
    ap.add_argument("--offset", type=float, default=100.0, help="camera offset (counts)")
    ap.add_argument("--amplitude", type=float, default=1500.0, help="brightest blob (counts above offset)")
    ap.add_argument("--read-noise", type=float, default=2.0, help="read noise sigma (counts)")
    ap.add_argument("--drift", type=float, default=1.5, help="blob movement per time point (voxels, rms per axis)")
    ap.add_argument("--seed", type=int, default=6)
    a = ap.parse_args()

    shape = tuple(a.shape)
    os.makedirs(a.out, exist_ok=True)
    t0 = time.perf_counter()
    files = 0
    for c in range(a.channels):
        rng_c = np.random.default_rng(np.random.SeedSequence([a.seed, c]))
        pos, sig, amp = blobs(shape, rng_c, a.blobs, a.amplitude * (1.0 + 0.3 * c))
        steps = rng_c.normal(0.0, a.drift, size=(a.timepoints, a.blobs, 3)).astype(np.float64)
        for t in range(a.timepoints):
            rng = np.random.default_rng(np.random.SeedSequence([a.seed, c, t]))
            moved = pos + steps[: t + 1].sum(axis=0) * np.array([0.5, 1.0, 1.0])
            signal = render(shape, moved, sig, amp)
            noise = rng.standard_normal(shape, dtype=np.float32)
            noise *= np.sqrt(signal + a.read_noise ** 2)
            signal += noise
            signal += a.offset
            np.clip(signal, 0, 65535, out=signal)
            stack = np.rint(signal).astype(np.uint16)
            tifffile.imwrite(os.path.join(a.out, f"ch{c}_t{t:03}.tif"), stack, photometric="minisblack")
            files += 1
    print(json.dumps({"out": os.path.abspath(a.out), "files": files, "shape": list(shape),
                      "channels": a.channels, "timepoints": a.timepoints, "dtype": "uint16",
                      "bytes": files * int(np.prod(shape)) * 2, "seed": a.seed,
                      "seconds": round(time.perf_counter() - t0, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
