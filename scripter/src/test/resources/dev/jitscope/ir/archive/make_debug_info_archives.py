# Writes archives whose code/ files carry debug_pkl, and what PyTorch prints for their graphs.
# usage: make_debug_info_archives.py OUT_DIR
# OUT_DIR/<name>.pt, OUT_DIR/<name>.<module path or "root">.graph (str(torch.jit.load(p).<path>.graph))
import os
import sys
import importlib.util

import torch

out = sys.argv[1]
SOURCE = '''
import torch
from typing import List


def scale(x: torch.Tensor, k: float) -> torch.Tensor:
    # a comment with non-ASCII text shifts byte offsets: \u00e9\u00e8\u4e2d
    return x * k + 1


class Sub(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(4, 3)

    def forward(self, x):
        label = "\u00e9t\u00e9"
        return torch.relu(self.lin(x)), label


class Loops(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.sub = Sub()

    def forward(self, x, n: int):
        y, _ = self.sub(x)
        for i in range(n):
            if y.sum() > 0:
                y = y * 2 + i
            else:
                y = scale(y, 0.5)
        while n > 0:
            n -= 1
            y = torch.tanh(y)
        return y, [1, 2]


class Functional(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.act = torch.nn.GELU()
        self.norm = torch.nn.LayerNorm(4)

    def forward(self, x):
        if x.dtype != torch.float32:
            x = x.float()
        y = torch.nn.functional.relu(self.norm(x))
        return torch.nn.functional.dropout(y, 0.1, self.training) + self.act(x)
'''
src_path = os.path.join(out, "debug_info_models.py")
with open(src_path, "w", encoding="utf-8") as f:
    f.write(SOURCE)
spec = importlib.util.spec_from_file_location("debug_info_models", src_path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)

for name, cls, paths in [("loops", mod.Loops, ["root", "sub", "sub.lin"]), ("functional", mod.Functional, ["root", "norm"])]:
    p = os.path.join(out, name + ".pt")
    torch.jit.save(torch.jit.script(cls()), p)
    loaded = torch.jit.load(p)
    for path in paths:
        m = loaded
        if path != "root":
            for part in path.split("."):
                m = getattr(m, part)
        with open(os.path.join(out, name + "." + path + ".graph"), "w", encoding="utf-8") as f:
            f.write(str(m.graph))
print("ok")
