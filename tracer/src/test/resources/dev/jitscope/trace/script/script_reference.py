"""script_reference.py SOURCE.py CLASS ARCHIVE CASES.txt OUT_DIR

What PyTorch 1.13 makes of a module class: the aten operators of torch.jit.script(CLASS()).forward's
graph, and the results of forward on each case both for that scripted module and for ARCHIVE (a
module JitScope scripted and saved) loaded with torch.jit.load.

CASES.txt: one case a line, arguments separated by tabs, each `str:TEXT` or `npy:PATH`.
Prints `ops <kinds...>`, then `<script|load> <case> <values...>` with tensors written to
OUT_DIR/<script|load>_<case>_<k>.npy and named `npy` in the line.
"""
import importlib.util
import sys

import numpy as np
import torch

source, class_name, archive, cases_file, out_dir = sys.argv[1:6]
spec = importlib.util.spec_from_file_location("model", source)
model = importlib.util.module_from_spec(spec)
spec.loader.exec_module(model)
torch.manual_seed(0)
scripted = torch.jit.script(getattr(model, class_name)().eval())
loaded = torch.jit.load(archive)


def kinds(block, out):
    for n in block.nodes():
        if n.kind().startswith("aten::"):
            out.append(n.kind())
        for b in n.blocks():
            kinds(b, out)
    return out


print("ops", " ".join(kinds(scripted.graph, [])))


def argument(text):
    kind, value = text.split(":", 1)
    return value if kind == "str" else torch.from_numpy(np.load(value))


def flatten(v, out):
    if isinstance(v, (tuple, list)):
        for x in v:
            flatten(x, out)
    else:
        out.append(v)
    return out


with open(cases_file, encoding="utf-8") as f:
    cases = [line.rstrip("\n").split("\t") for line in f if line.strip()]
for i, case in enumerate(cases):
    args = [argument(a) for a in case]
    for name, m in (("script", scripted), ("load", loaded)):
        with torch.no_grad():
            values = flatten(m(*args), [])
        words = []
        for k, v in enumerate(values):
            if isinstance(v, torch.Tensor):
                np.save("%s/%s_%d_%d.npy" % (out_dir, name, i, k), v.numpy())
                words.append("npy")
            else:
                words.append(repr(v))
        print(name, i, " ".join(words))
