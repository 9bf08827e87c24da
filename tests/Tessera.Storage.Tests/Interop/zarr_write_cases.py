"""Writes each case of cases.json with zarr-python, plus its expected elements as raw
little-endian C-order bytes, so Tessera's reader can be checked element by element."""
import json
import sys

import numcodecs
import numpy as np
import zarr

out, cases_path = sys.argv[1], sys.argv[2]


def fill_of(value):
    if value in ("NaN", "Infinity", "-Infinity"):
        return {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}[value]
    return value


def make_data(dtype, shape, seed):
    rng = np.random.default_rng(seed)
    # Smooth structure plus noise, so that compressors see data like a microscope's.
    grids = np.meshgrid(*[np.linspace(0, 3, n) for n in shape], indexing="ij")
    smooth = sum(np.sin(g * (i + 1)) for i, g in enumerate(grids)) if grids else np.zeros(shape)
    noise = rng.normal(0, 1, shape)
    if dtype.kind == "b":
        return (smooth + noise) > 0
    if dtype.kind == "f":
        return (100 * smooth + noise).astype(dtype)
    info = np.iinfo(dtype)
    lo, hi = max(info.min, -20000), min(info.max, 60000)
    values = 100 + 30 * smooth + 5 * noise
    if dtype.itemsize >= 4:
        values = values * 1000
    return np.clip(np.rint(values), lo, hi).astype(dtype)


for seed, case in enumerate(json.load(open(cases_path))):
    dtype = np.dtype(case["dtype"])
    shape = tuple(case["shape"])
    fill = fill_of(case["fill_value"]) if case["fill_value"] is not None else 0
    compressor = numcodecs.get_codec(dict(case["compressor"])) if case["compressor"] else None
    z = zarr.open_array(
        f"{out}/{case['name']}.zarr", mode="w", shape=shape, chunks=tuple(case["chunks"]),
        dtype=dtype, compressor=compressor, order=case["order"], fill_value=fill,
        dimension_separator=case["separator"])
    data = make_data(dtype, shape, seed)
    rows = case["written_rows"]
    if rows is None:
        z[...] = data
        expected = data
    else:
        expected = np.full(shape, fill, dtype=dtype)
        if rows > 0:
            z[:rows] = data[:rows]
            expected[:rows] = data[:rows]
    expected.astype(dtype.newbyteorder("<")).tofile(f"{out}/{case['name']}.bin")
print("ok")
