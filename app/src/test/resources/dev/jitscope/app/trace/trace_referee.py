"""PyTorch 1.13 as the referee for JitScope's tracer.

Usage: trace_referee.py SPEC.json  (prints one JSON object)

SPEC: {"model": "m.py", "class": "Name", "ours": "traced.pt",
       "example": ["x.npy", ...],
       "sets": [{"inputs": ["x.npy", ...], "jitscope_outputs": ["out/output_0.npy", ...]}, ...]}

For every input set it reports
  ours_vs_jitscope:      our traced archive run by torch.jit.load vs `jitscope run` on the same archive
  torch_trace_vs_ours:   PyTorch's own torch.jit.trace of the same source (with our archive's weights,
                         traced on the same example) vs our traced archive, both run by PyTorch
as the relative error max|a - b| / max(1, max|b|) over all outputs (null when shapes differ),
the aten:: operator kinds of PyTorch's traced inlined_graph and the prim::CallMethod names of its
top graph (module structure).
"""
import importlib.util
import json
import os
import sys
import warnings

import numpy as np
import torch


def flatten(v, out):
    if isinstance(v, torch.Tensor):
        out.append(v.detach())
    elif isinstance(v, (tuple, list)):
        for x in v:
            flatten(x, out)
    elif isinstance(v, (int, float, bool)):
        out.append(torch.tensor(v))
    return out


def rel_error(a, b):
    if len(a) != len(b):
        return None
    worst = 0.0
    for x, y in zip(a, b):
        if tuple(x.shape) != tuple(y.shape):
            return None
        x = x.double()
        y = y.double()
        if x.numel() == 0:
            continue
        scale = max(1.0, float(y.abs().max()))
        worst = max(worst, float((x - y).abs().max()) / scale)
    return worst


def kinds(graph):
    counts = {}

    def walk(block):
        for n in block.nodes():
            k = n.kind()
            if k.startswith("aten::"):
                counts[k] = counts.get(k, 0) + 1
            for b in n.blocks():
                walk(b)

    walk(graph)
    return counts


def calls(graph):
    """The method names of the top graph's prim::CallMethod nodes, in order (the traced module structure)."""
    return [n.s("name") for n in graph.nodes() if n.kind() == "prim::CallMethod"]


def load(files):
    return [torch.from_numpy(np.load(f)) for f in files]


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    model_dir = os.path.dirname(os.path.abspath(spec["model"]))
    sys.path.insert(0, model_dir)
    name = os.path.splitext(os.path.basename(spec["model"]))[0]
    module_spec = importlib.util.spec_from_file_location(name, spec["model"])
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)

    ours = torch.jit.load(spec["ours"])
    ours.eval()
    instance = getattr(module, spec["class"])()
    missing, unexpected = instance.load_state_dict(ours.state_dict(), strict=False)
    instance.eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = torch.jit.trace(instance, tuple(load(spec["example"])), check_trace=False)

    result = {"missing_keys": list(missing), "unexpected_keys": list(unexpected),
              "torch_trace_kinds": kinds(theirs.inlined_graph), "torch_trace_calls": calls(theirs.graph),
              "sets": []}
    with torch.no_grad():
        for s in spec["sets"]:
            inputs = load(s["inputs"])
            entry = {}
            try:
                our_out = flatten(ours(*inputs), [])
                entry["ours_vs_jitscope"] = rel_error([torch.from_numpy(np.load(f)) for f in s["jitscope_outputs"]], our_out)
            except Exception as e:  # our archive failing in PyTorch is a finding, not a crash
                entry["ours_error"] = str(e).splitlines()[0] if str(e) else type(e).__name__
                our_out = None
            try:
                their_out = flatten(theirs(*inputs), [])
                entry["torch_trace_vs_ours"] = None if our_out is None else rel_error(their_out, our_out)
            except Exception as e:
                entry["torch_trace_error"] = str(e).splitlines()[0] if str(e) else type(e).__name__
            result["sets"].append(entry)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
