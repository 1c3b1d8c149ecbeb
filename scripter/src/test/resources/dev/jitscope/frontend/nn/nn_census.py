# Scripts each torch.nn module with PyTorch 1.13, saves it as <name>.pt (its class declarations are
# the attribute types an instance has) and writes <name>.json with the operator census of its
# forward's inlined graph: aten::*, prim::If and prim::Loop through nested blocks.
# usage: nn_census.py OUT_DIR NAME...   (NAME=path/to/model.py scripts class NAME of that file)
import json
import os
import sys
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")

CASES = {
    "Linear": lambda: nn.Linear(4, 3),
    "LinearNoBias": lambda: nn.Linear(4, 3, bias=False),
    "Bilinear": lambda: nn.Bilinear(3, 4, 5),
    "Identity": lambda: nn.Identity(),
    "Conv1d": lambda: nn.Conv1d(3, 4, 3),
    "Conv2d": lambda: nn.Conv2d(3, 4, 3, stride=2, padding=1),
    "Conv2dReflect": lambda: nn.Conv2d(3, 4, 3, padding=1, padding_mode="reflect"),
    "ConvTranspose2d": lambda: nn.ConvTranspose2d(3, 4, 3, stride=2),
    "BatchNorm1d": lambda: nn.BatchNorm1d(4),
    "BatchNorm2d": lambda: nn.BatchNorm2d(4),
    "LayerNorm": lambda: nn.LayerNorm(4),
    "GroupNorm": lambda: nn.GroupNorm(2, 4),
    "Dropout": lambda: nn.Dropout(0.2),
    "Embedding": lambda: nn.Embedding(10, 4),
    "EmbeddingPadding": lambda: nn.Embedding(10, 4, padding_idx=0),
    "ReLU": lambda: nn.ReLU(),
    "GELU": lambda: nn.GELU(),
    "SiLU": lambda: nn.SiLU(),
    "Sigmoid": lambda: nn.Sigmoid(),
    "Tanh": lambda: nn.Tanh(),
    "Softmax": lambda: nn.Softmax(dim=1),
    "LogSoftmax": lambda: nn.LogSoftmax(dim=-1),
    "Hardtanh": lambda: nn.Hardtanh(),
    "LeakyReLU": lambda: nn.LeakyReLU(0.1),
    "MaxPool2d": lambda: nn.MaxPool2d(2),
    "AvgPool2d": lambda: nn.AvgPool2d(2),
    "AdaptiveAvgPool2d": lambda: nn.AdaptiveAvgPool2d((1, 1)),
    "Flatten": lambda: nn.Flatten(),
    "Sequential": lambda: nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Dropout(0.1), nn.Linear(4, 2)),
    "MultiheadAttention": lambda: nn.MultiheadAttention(8, 2),
    "MultiheadAttentionBatchFirst": lambda: nn.MultiheadAttention(8, 2, batch_first=True),
    "TransformerEncoderLayer": lambda: nn.TransformerEncoderLayer(8, 2, 16),
    "TransformerEncoder": lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, batch_first=True), 2),
    "LSTM": lambda: nn.LSTM(4, 5),
    "GRU": lambda: nn.GRU(4, 5, batch_first=True),
}


def census(graph):
    counts = {}

    def walk(block_nodes):
        for n in block_nodes:
            k = n.kind()
            if k.startswith("aten::") or k in ("prim::If", "prim::Loop"):
                counts[k] = counts.get(k, 0) + 1
            for b in n.blocks():
                walk(b.nodes())

    walk(graph.nodes())
    return counts


def main():
    out = sys.argv[1]
    for arg in sys.argv[2:]:
        torch.manual_seed(0)
        if "=" in arg:
            name, path = arg.split("=", 1)
            import importlib.util
            spec = importlib.util.spec_from_file_location(name.lower(), path)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            m = getattr(mod, name)()
        else:
            name = arg
            m = CASES[name]()
        m.eval()
        s = torch.jit.script(m)
        # LSTM and GRU overload forward; a call with a Tensor picks the first overload, forward__0
        method = "forward__0" if s._c._has_method("forward__0") else "forward"
        g = s._c._get_method(method).inlined_graph
        torch.jit.save(s, os.path.join(out, name + ".pt"))
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump({"method": method, "counts": census(g)}, f, sort_keys=True)


if __name__ == "__main__":
    main()
