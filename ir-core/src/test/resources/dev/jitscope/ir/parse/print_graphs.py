# Writes str(graph) of a few scripted and traced programs, separated by a line "----", to argv[1].
import sys

import torch
from typing import Dict, List, Optional, Tuple


class Cell(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(3, 4)
        self.count = 0

    def forward(self, x, h: Optional[torch.Tensor], n: int, d: Dict[str, torch.Tensor], sizes: List[int]):
        a = 1.0
        eps = 1e-5
        s = "quote\" and newline\n"
        for i in range(n):
            x = x * 2
            if i > 3:
                break
        if h is None:
            raise ValueError("no h")
        self.count = n
        t: Tuple[torch.Tensor, int] = (x, n)
        u, v = t
        print(a, eps, s, [1, 2], [True], None, torch.device("cpu"))
        x.add_(1)
        return self.linear(x) + h, u, d["k"], sizes


def traced(x):
    return torch.relu(x * 2 + 1)


def loop(x: torch.Tensor, n: int) -> torch.Tensor:
    i = 0
    while i < n:
        x = torch.sigmoid(x)
        i += 1
    return x


def folded(x: torch.Tensor, n: int):
    y = [x, x]
    return torch.cat(y, 0).sum(dim=[0, 1], keepdim=True) * 0.1 + n


def boxed(x):
    return x * torch.tensor(0.1) + torch.tensor(1e10, dtype=torch.float64)


def big(x: float):
    return x + 1e10 + 12345678901.0 + 9999999999.0


folded_graph = torch.jit.script(folded).graph
torch._C._jit_pass_constant_propagation(folded_graph)

graphs = [
    torch.jit.script(Cell()).graph,
    torch.jit.script(loop).graph,
    torch.jit.trace(traced, torch.ones(2, 3)).graph,
    torch.jit.trace(torch.nn.Linear(3, 4), torch.ones(2, 3)).graph,
    torch.jit.trace(torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU()), torch.ones(2, 3)).inlined_graph,
    folded_graph,
    torch.jit.trace(boxed, torch.ones(2)).graph,
    torch.jit.script(big).graph,
]
with open(sys.argv[1], "w") as f:
    f.write("\n----\n".join(str(g) for g in graphs))
