#!/usr/bin/python3
"""The peer for `tessera convert PATTERN OUT --format ome-zarr`: what a user writes today with Debian's
tifffile (2023.2) + zarr-python (2.13) + numcodecs to turn a folder of per-time-point z-stacks into an
OME-Zarr 0.4 image.

    tifffile_to_omezarr.py "raw/ch{c}_t{t:03}.tif" out.ome.zarr --voxel-size 2 0.5 0.5 [--workers N]

Finds the files the pattern names (every c and t present), reads one file to learn (Z, Y, X) and the
dtype, creates an OME-Zarr 0.4 group with one level "0": a Zarr v2 array (t, c, z, y, x), chunks
(1, 1, min(Z, 64), min(Y, 256), min(X, 256)) (Tessera's default for viewers), Blosc LZ4 level 5 byte
shuffle (numcodecs' default compressor), and `multiscales` metadata with axes t/c/z/y/x, micrometer
units and the scale (1, 1, dz, dy, dx). Then every (c, t) file is read whole with tifffile and
assigned to out[t, c]; with --workers N > 1 the files go through a ThreadPool of N threads (tifffile's
reads and Blosc's compression release the GIL), as a competent user would do. Each file fills whole
chunks, so the threads never write the same chunk.

Prints one JSON line: wall time (imports excluded; the caller measures the whole process), files,
bytes and throughput.
"""
import argparse
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numcodecs
import numpy as np
import tifffile
import zarr


def expand(pattern):
    """{(c, t): path} for every file in the pattern's folder that matches it ({c}, {t}, {t:03} ...)."""
    folder, name = os.path.split(pattern)
    folder = folder or "."
    regex, fields = "", []
    for part in re.split(r"(\{[ct](?::0?\d+)?\})", name):
        m = re.fullmatch(r"\{([ct])(?::0?(\d+))?\}", part)
        if m:
            fields.append(m.group(1))
            regex += r"(\d+)"
        else:
            regex += re.escape(part)
    found = {}
    for entry in sorted(os.listdir(folder)):
        m = re.fullmatch(regex, entry)
        if m:
            values = dict(zip(fields, (int(g) for g in m.groups())))
            found[(values.get("c", 0), values.get("t", 0))] = os.path.join(folder, entry)
    return found


def main():
    ap = argparse.ArgumentParser(description="folder of per-time-point TIFF z-stacks -> OME-Zarr 0.4 (tifffile + zarr-python)")
    ap.add_argument("pattern", help='e.g. "raw/ch{c}_t{t:03}.tif"')
    ap.add_argument("out", help="the OME-Zarr group folder (replaced if it exists)")
    ap.add_argument("--voxel-size", type=float, nargs=3, required=True, metavar=("DZ", "DY", "DX"), help="micrometers")
    ap.add_argument("--workers", type=int, default=os.cpu_count(), help="files converted at once (default: cores)")
    ap.add_argument("--dimension-separator", default=".", choices=[".", "/"],
                    help="zarr-python's default '.' (as Tessera writes); ome-zarr-py uses '/'")
    a = ap.parse_args()

    t0 = time.perf_counter()
    files = expand(a.pattern)
    if not files:
        sys.exit(f"no file matches {a.pattern}")
    C = 1 + max(c for c, _ in files)
    T = 1 + max(t for _, t in files)
    missing = [(c, t) for c in range(C) for t in range(T) if (c, t) not in files]
    if missing:
        sys.exit(f"missing files for (c, t) = {missing[:5]}")
    with tifffile.TiffFile(files[(0, 0)]) as tif:
        series = tif.series[0]
        zyx, dtype = tuple(series.shape), series.dtype
    if len(zyx) == 2:
        zyx = (1,) + zyx
    Z, Y, X = zyx
    chunks = (1, 1, min(Z, 64), min(Y, 256), min(X, 256))

    store = zarr.DirectoryStore(a.out, dimension_separator=a.dimension_separator)
    root = zarr.group(store=store, overwrite=True)
    arr = root.create_dataset("0", shape=(T, C, Z, Y, X), chunks=chunks, dtype=dtype,
                              compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
                              dimension_separator=a.dimension_separator, overwrite=True)
    root.attrs["multiscales"] = [{
        "version": "0.4",
        "name": os.path.basename(os.path.normpath(a.out)),
        "axes": [{"name": "t", "type": "time"}, {"name": "c", "type": "channel"},
                 {"name": "z", "type": "space", "unit": "micrometer"},
                 {"name": "y", "type": "space", "unit": "micrometer"},
                 {"name": "x", "type": "space", "unit": "micrometer"}],
        "datasets": [{"path": "0", "coordinateTransformations": [
            {"type": "scale", "scale": [1.0, 1.0] + [float(v) for v in a.voxel_size]}]}],
    }]

    def convert(item):
        (c, t), path = item
        stack = tifffile.imread(path)
        arr[t, c] = stack.reshape(zyx)
        return stack.nbytes

    items = sorted(files.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    if a.workers > 1:
        with ThreadPoolExecutor(a.workers) as pool:
            total = sum(pool.map(convert, items))
    else:
        total = sum(map(convert, items))
    wall = time.perf_counter() - t0
    print(json.dumps({"wall_seconds": round(wall, 3), "files": len(files), "shape": [T, C, Z, Y, X],
                      "chunks": list(chunks), "bytes": total, "mib_per_s": round(total / 2**20 / wall, 1),
                      "workers": a.workers, "tifffile": tifffile.__version__, "zarr": zarr.__version__,
                      "numcodecs": numcodecs.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
