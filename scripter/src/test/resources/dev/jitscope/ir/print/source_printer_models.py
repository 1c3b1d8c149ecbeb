# Archives for the SourcePrinter round trip, and the check of archives written from our printed code.
#   source_printer_models.py make OUT_DIR NAME...        writes OUT_DIR/NAME.pt
#   source_printer_models.py check ORIGINAL REWRITTEN ... PyTorch loads each rewritten archive; forward
#                                                         must give the original's outputs on random inputs
#   source_printer_models.py suite SUITE_DIR PRINTED_DIR  the same over the interop suite (its manifest's
#                                                         input cases) for archives rewritten into PRINTED_DIR
import sys
import warnings
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")


def scale(x: torch.Tensor, k: float) -> torch.Tensor:
    return x * k + 1


class Sub(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(4, 3)

    def forward(self, x):
        return torch.relu(self.lin(x))


class Control(nn.Module):
    def __init__(self):
        super().__init__()
        self.sub = Sub()
        self.k = 3

    def forward(self, x, n: int):
        y = self.sub(x)
        for i in range(n):
            if y.sum() > 0:
                y = y * 2 + i
            else:
                y = scale(y, 0.5)
        m = n
        while m > 0:
            m -= 1
            y = torch.tanh(y) + self.k
        return y, [1, 2]


class Containers(nn.Module):
    def __init__(self):
        super().__init__()
        self.names: Dict[str, int] = {"a": 1, "b\u00e9": 2}

    def forward(self, x, o: Optional[torch.Tensor]):
        acc: List[torch.Tensor] = []
        for k, v in self.names.items():
            acc.append(x * v)
        if o is None:
            o2 = torch.zeros([2, 3], dtype=torch.float64)
        else:
            o2 = o.double()
        first, rest = acc[0], acc[1:]
        label = "n\u00e9" if x.sum() > 0 else "p\"q\n"
        t = (first, len(rest))
        z = x.sum(dim=1, keepdim=True)
        c = x.clone()
        c.add_(1)
        c = c.clamp(min=-1.0, max=float("inf"))
        return t[0] + z, o2, label, torch.stack(acc + rest), c


class Convs(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Linear(4 * 4 * 4, 5)

    def forward(self, x):
        return torch.softmax(self.head(torch.flatten(self.body(x), 1)), dim=1)


class Rnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 4, num_layers=2)

    def forward(self, x):
        out, (h, c) = self.lstm(x)
        return out, h, c


class Traced(nn.Module):
    def forward(self, x):
        return x * torch.tensor([1.0, 2.0, 3.0]) + torch.arange(3)


def make(name):
    torch.manual_seed(0)
    if name == "control":
        return torch.jit.script(Control())
    if name == "containers":
        return torch.jit.script(Containers())
    if name == "convs":
        return torch.jit.script(Convs().eval())
    if name == "traced":
        return torch.jit.trace(Traced(), torch.randn(3))
    if name == "lstm":
        return torch.jit.script(Rnn())
    raise SystemExit("unknown model " + name)


INPUTS = {
    "control": lambda: (torch.randn(2, 4), 3),
    "containers": lambda: (torch.randn(2, 3), None),
    "convs": lambda: (torch.randn(2, 3, 8, 8),),
    "traced": lambda: (torch.randn(3),),
    "lstm": lambda: (torch.randn(5, 2, 3),),
}


def flat(v):
    if isinstance(v, (tuple, list)):
        return [y for x in v for y in flat(x)]
    if isinstance(v, dict):
        return [y for k in v for y in flat(v[k])]
    return [v]


def same(a, b):
    fa, fb = flat(a), flat(b)
    if len(fa) != len(fb):
        return False
    for x, y in zip(fa, fb):
        if isinstance(x, torch.Tensor):
            if not (isinstance(y, torch.Tensor) and x.dtype == y.dtype and torch.equal(x, y)):
                return False
        elif x != y:
            return False
    return True


def check_suite(src, printed):
    import json
    import numpy as np
    manifest = json.load(open(src + "/manifest.json"))
    for entry in manifest["archives"]:
        a, b = torch.jit.load(src + "/" + entry["file"]), torch.jit.load(printed + "/" + entry["file"])
        for case in entry["cases"]:
            args = [torch.from_numpy(np.load(src + "/" + f)) for f in case["inputs"]]
            # 0-d int64/float64/bool arrays stand for int, float and bool arguments
            args = [x.item() if x.dim() == 0 and x.dtype in (torch.int64, torch.float64, torch.bool) else x for x in args]
            assert same(a(*args), b(*args)), entry["name"]
        print("same", entry["name"])


if sys.argv[1] == "suite":
    check_suite(sys.argv[2], sys.argv[3])
elif sys.argv[1] == "make":
    for name in sys.argv[3:]:
        torch.jit.save(make(name), sys.argv[2] + "/" + name + ".pt")
    print("ok")
else:
    for original, rewritten in zip(sys.argv[2::2], sys.argv[3::2]):
        name = original.rsplit("/", 1)[-1][:-3]
        a, b = torch.jit.load(original), torch.jit.load(rewritten)
        for trial in range(3):
            torch.manual_seed(trial)
            args = INPUTS[name]()
            ra, rb = a(*args), b(*args)
            assert same(ra, rb), (name, ra, rb)
        print("same", name)
