"""PyTorch's side of the sample-model interop test (issue 4).

usage: check_samples.py PLAN.json RESULT.json
PLAN.json: {"seed": int, "samples": [{"name", "source", "class", "inputs": ["float32[2,4]", "int64[2,6]:0..20"],
"archive": path JitScope wrote (may be missing), "dir": where to write .npy files}]}.
For each sample: draws fresh random inputs from the specs (floats standard normal, integers uniform in
[low, high)), saves them as in_<i>.npy, loads JitScope's archive with torch.jit.load and saves its
outputs (flattened depth-first) as out_<i>.npy; independently imports the source file, builds the
class, calls eval() and torch.jit.script()s it, and counts the operator kinds of its
forward.inlined_graph (aten::*, prim::If, prim::Loop, nested blocks included).
RESULT.json maps each name to {"inputs": [...], "outputs": [... or null for None], "load_error": text or
null, "counts": {...} or null, "tensor_counts": {...} or null (aten operators with a Tensor
output only), "script_error": text or null}.
"""
import importlib.util
import json
import os
import re
import sys
from collections import Counter

import numpy as np
import torch

SPEC = re.compile(r"(float32|float64|int64|int32|bool)\[([0-9, ]*)\](?::(-?\d+)\.\.(-?\d+))?$")


def make_input(spec, rng):
    m = SPEC.match(spec.strip())
    if not m:
        raise ValueError(f"bad input spec {spec}")
    dtype, dims = m.group(1), m.group(2).replace(" ", "")
    shape = tuple(int(d) for d in dims.split(",")) if dims else ()
    if dtype.startswith("int"):
        low = int(m.group(3) or 0)
        high = int(m.group(4) or 10)
        return rng.integers(low, high, size=shape).astype(dtype)
    if dtype == "bool":
        return rng.integers(0, 2, size=shape).astype(np.bool_)
    return rng.standard_normal(size=shape).astype(dtype)


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


def produces_tensor(node):
    return any(o.type().isSubtypeOf(torch._C.TensorType.get()) for o in node.outputs())


def count_kinds(graph, tensor_only=False):
    counts = Counter()

    def visit(block):
        for node in block.nodes():
            k = node.kind()
            if tensor_only:
                if k.startswith("aten::") and produces_tensor(node):
                    counts[k] += 1
            elif k.startswith("aten::") or k in ("prim::If", "prim::Loop"):
                counts[k] += 1
            for b in node.blocks():
                visit(b)

    visit(graph)
    return dict(sorted(counts.items()))


def first_line(e):
    text = str(e).strip()
    return f"{type(e).__name__}: {text[:3000]}"


def check(sample, rng):
    result = {"inputs": [], "outputs": [], "load_error": None, "counts": None, "script_error": None}
    out_dir = sample["dir"]
    os.makedirs(out_dir, exist_ok=True)
    arrays = [make_input(s, rng) for s in sample["inputs"]]
    for i, a in enumerate(arrays):
        f = os.path.join(out_dir, f"in_{i}.npy")
        np.save(f, a)
        result["inputs"].append(f)
    archive = sample.get("archive")
    if archive and os.path.exists(archive):
        try:
            model = torch.jit.load(archive)
            with torch.no_grad():
                outputs = flatten(model(*[torch.from_numpy(a) for a in arrays]), [])
            for i, o in enumerate(outputs):
                if o is None:
                    result["outputs"].append(None)
                    continue
                f = os.path.join(out_dir, f"out_{i}.npy")
                np.save(f, o)
                result["outputs"].append(f)
        except Exception as e:  # reported by the test for this sample
            result["load_error"] = first_line(e)
    else:
        result["load_error"] = "JitScope wrote no archive"
    try:
        spec = importlib.util.spec_from_file_location("sample_" + sample["name"], sample["source"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        torch.manual_seed(0)
        instance = getattr(module, sample["class"])().eval()
        inlined = torch.jit.script(instance).forward.inlined_graph
        result["counts"] = count_kinds(inlined)
        result["tensor_counts"] = count_kinds(inlined, tensor_only=True)
    except Exception as e:
        result["script_error"] = first_line(e)
    return result


def main():
    plan_file, result_file = sys.argv[1:3]
    torch.set_num_threads(2)
    with open(plan_file) as f:
        plan = json.load(f)
    rng = np.random.default_rng(plan["seed"])
    results = {s["name"]: check(s, rng) for s in plan["samples"]}
    with open(result_file, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
