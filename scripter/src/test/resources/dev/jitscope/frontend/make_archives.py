"""Scripts reference models with PyTorch, saves them with torch.jit.save, and writes the operator
kinds PyTorch's own compilation produced (forward's inlined graph) next to each archive.

usage: make_archives.py OUTDIR NAME...
"""
import json
import sys
import warnings
from collections import Counter
from typing import Dict, List, Optional

import torch

warnings.filterwarnings("ignore")


class MyDecisionGate(torch.nn.Module):
    def forward(self, x):
        if x.sum() > 0:
            return x
        else:
            return -x


class MyCell(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.dg = MyDecisionGate()
        self.linear = torch.nn.Linear(4, 4)

    def forward(self, x, h):
        new_h = torch.tanh(self.dg(self.linear(x)) + h)
        return new_h, new_h


class ControlFlowModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(4, 4)

    def forward(self, x):
        if x.mean() > 0.5:
            return self.linear(x)
        return torch.relu(x) * 2


class Containers(torch.nn.Module):
    def forward(self, x, n: int):
        xs: List[torch.Tensor] = []
        for i in range(n):
            xs.append(x * i)
        d: Dict[str, torch.Tensor] = {}
        d["a"] = x
        o: Optional[torch.Tensor] = None
        if n > 2:
            o = x
        while n > 0:
            n -= 1
            if n == 5:
                break
        s = f"n={n}"
        if o is not None:
            x = x + o
        return torch.stack(xs).sum() + x + d["a"], s


def build(name):
    import torchvision.models as M
    local = {"mycell": MyCell, "controlflow": ControlFlowModel, "containers": Containers}
    if name in local:
        return local[name]()
    if name == "transformer":
        return torch.nn.TransformerEncoder(torch.nn.TransformerEncoderLayer(32, 4), 2)
    if name == "lstm":
        return torch.nn.LSTM(8, 16, 2)
    if name == "gru":
        return torch.nn.GRU(8, 16)
    kw = {"aux_logits": False, "init_weights": False} if name in ("googlenet", "inception_v3") else {}
    return getattr(M, name)(**kw)


def count_kinds(graph):
    counts = Counter()

    def visit(block):
        for node in block.nodes():
            k = node.kind()
            if k.startswith("aten::") or k in ("prim::If", "prim::Loop"):
                counts[k] += 1
            for b in node.blocks():
                visit(b)

    visit(graph)
    return counts


def census(out, name):
    """Loads an archive in a fresh process (so no class names were taken by scripting) and writes
    the operator kinds of forward's inlined graph and the top class's name."""
    loaded = torch.jit.load(f"{out}/{name}.pt")
    # nn.LSTM and nn.GRU script their overloaded forward as forward__0 (tensor) and forward__1 (packed)
    method = "forward" if loaded._c._has_method("forward") else "forward__0"
    graph = loaded._c._get_method(method).inlined_graph
    info = {"type": loaded._c._type().qualified_name(), "method": method, "counts": count_kinds(graph)}
    with open(f"{out}/{name}.json", "w") as f:
        json.dump(info, f)


def main():
    if sys.argv[1] == "--census":
        census(sys.argv[2], sys.argv[3])
        return
    import subprocess
    out = sys.argv[1]
    for name in sys.argv[2:]:
        m = torch.jit.script(build(name).eval())
        torch.jit.save(m, f"{out}/{name}.pt")
        # the reference is PyTorch compiling the archive's code/ back, which is what the importer does
        subprocess.run([sys.executable, __file__, "--census", out, name], check=True)


if __name__ == "__main__":
    main()
