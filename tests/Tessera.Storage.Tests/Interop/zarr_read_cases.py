"""Reads each case of cases.json, as written by Tessera, with zarr-python and compares every
element with the expected raw little-endian C-order bytes; prints {name: "ok" | reason}."""
import json
import sys

import numpy as np
import zarr

out, cases_path = sys.argv[1], sys.argv[2]
results = {}
for case in json.load(open(cases_path)):
    name = case["name"]
    try:
        z = zarr.open_array(f"{out}/{name}.zarr", mode="r")
        dtype = np.dtype(case["dtype"])
        expected = np.fromfile(f"{out}/{name}.bin", dtype=dtype.newbyteorder("<")).reshape(case["shape"])
        actual = z[...]
        problems = []
        if z.dtype != dtype:
            problems.append(f"dtype {z.dtype.str} != {dtype.str}")
        if z.shape != tuple(case["shape"]) or z.chunks != tuple(case["chunks"]):
            problems.append(f"shape/chunks {z.shape}/{z.chunks}")
        if z.order != case["order"]:
            problems.append(f"order {z.order}")
        if (z.compressor.get_config() if z.compressor else None) != case["compressor"]:
            problems.append(f"compressor {z.compressor}")
        if not np.array_equal(actual, expected, equal_nan=dtype.kind == "f"):
            bad = np.argwhere(~((actual == expected) | (np.isnan(actual) & np.isnan(expected)) if dtype.kind == "f" else (actual == expected)))
            problems.append(f"{len(bad)} elements differ, first at {bad[0].tolist()}")
        results[name] = "ok" if not problems else "; ".join(problems)
    except Exception as e:  # report every case, not just the first failure
        results[name] = f"{type(e).__name__}: {e}"
print(json.dumps(results))
