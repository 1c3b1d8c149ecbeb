"""Runs archives JitScope exported in PyTorch 1.13 and compares them with reference outputs.

usage: run_exported.py MANIFEST_DIR EXPORT_DIR RESULT.json
For every archive of MANIFEST_DIR/manifest.json that EXPORT_DIR holds (same file name), loads it with
torch.jit.load, runs forward on each input set of the manifest and compares the depth-first
flattened outputs with the manifest's (PyTorch's outputs of the original archive). RESULT.json maps
each archive name to {"error": message} when loading or running failed, else to {"cases": [...]},
one {"problem": null | text, "relative": float} per input set: floating outputs by
||ours - ref|| / ||ref||, integer and bool outputs exactly, shapes and dtypes equal.
"""
import json
import os
import sys

import numpy as np
import torch


def flatten(value, out):
    if isinstance(value, (tuple, list)):
        for v in value:
            flatten(v, out)
    elif isinstance(value, torch.Tensor):
        out.append(value.detach().contiguous().numpy())
    elif isinstance(value, bool):
        out.append(np.array(value, dtype=np.bool_))
    elif isinstance(value, int):
        out.append(np.array(value, dtype=np.int64))
    elif isinstance(value, float):
        out.append(np.array(value, dtype=np.float64))
    elif value is None:
        out.append(None)
    else:
        raise TypeError(f"output of type {type(value).__name__}")
    return out


def compare(got, want_file, manifest_dir):
    """(problem or None, relative error) of one output against the reference file (None: a None output)."""
    if want_file is None:
        return (None if got is None else "expected None"), 0.0
    if got is None:
        return "got None", 0.0
    want = np.load(os.path.join(manifest_dir, want_file))
    if got.shape != want.shape:
        return f"shape {list(got.shape)}, reference {list(want.shape)}", 0.0
    if got.dtype != want.dtype:
        return f"dtype {got.dtype}, reference {want.dtype}", 0.0
    if np.issubdtype(want.dtype, np.floating):
        g, w = got.astype(np.float64), want.astype(np.float64)
        if not np.array_equal(np.isnan(g), np.isnan(w)):
            return "NaN in different places", 0.0
        mask = ~np.isnan(w) & (g != w)
        diff = np.sqrt(np.sum((g[mask] - w[mask]) ** 2))
        norm = np.sqrt(np.sum(w[~np.isnan(w)] ** 2))
        return None, float(diff / norm if norm > 0 else diff)
    return (None if np.array_equal(got, want) else "integer values differ"), 0.0


def main():
    manifest_dir, export_dir, result_file = sys.argv[1:4]
    torch.set_num_threads(2)
    with open(os.path.join(manifest_dir, "manifest.json")) as f:
        manifest = json.load(f)
    results = {}
    for archive in manifest["archives"]:
        path = os.path.join(export_dir, archive["file"])
        if not os.path.exists(path):
            continue
        try:
            model = torch.jit.load(path)
            cases = []
            for case in archive["cases"]:
                args = [torch.from_numpy(np.load(os.path.join(manifest_dir, i))) for i in case["inputs"]]
                with torch.no_grad():
                    outputs = flatten(model(*args), [])
                if len(outputs) != len(case["outputs"]):
                    cases.append({"problem": f"{len(outputs)} outputs, reference {len(case['outputs'])}", "relative": 0.0})
                    continue
                worst, problem = 0.0, None
                for k, (got, want) in enumerate(zip(outputs, case["outputs"])):
                    p, rel = compare(got, want, manifest_dir)
                    worst = max(worst, rel)
                    if p is not None and problem is None:
                        problem = f"output {k}: {p}"
                cases.append({"problem": problem, "relative": worst})
            results[archive["name"]] = {"cases": cases}
        except Exception as e:  # the test reports PyTorch's message for this archive
            results[archive["name"]] = {"error": f"{type(e).__name__}: {str(e).strip()[:2000]}"}
    with open(result_file, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
