from collections import OrderedDict
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.fc = nn.Linear(n, n)
        self.register_buffer("steps", torch.zeros(1))
        self.register_buffer("scratch", torch.ones(2), persistent=False)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.fc(x))


class Tree(nn.Module):
    def __init__(self, n: int = 4, depth: int = 2):
        super().__init__()
        self.blocks = nn.ModuleList([Block(n) for _ in range(depth)])
        self.head = nn.Sequential(OrderedDict([("proj", nn.Linear(n, 2)), ("out", nn.Tanh())]))
        self.named = nn.ModuleDict({"a": nn.Linear(2, 2), "b": nn.Identity()})
        self.scale = nn.Parameter(torch.ones(1))
        self.optional = None
        self.register_parameter("unused", None)
        self.shared = self.head

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        x = self.head(x) * self.scale
        return self.named["a"](x)

    @torch.jit.ignore
    def describe(self):
        print(self)
        for k, v in self.state_dict().items():
            print("state", k, tuple(v.shape))
        print("params", [k for k, _ in self.named_parameters()], len(list(self.parameters())))
        print("buffers", [k for k, _ in self.named_buffers()])
        for k, m in self.named_modules():
            print("module", repr(k), type(m).__name__)
        print("children", [type(c).__name__ for c in self.children()], [k for k, _ in self.named_children()])
        print("containers", len(self.blocks), len(self.head), len(self.named), "a" in self.named, "z" in self.named,
              type(self.blocks[-1]).__name__, type(self.head[0]).__name__, list(self.named.keys()))
        print("attrs", self.optional, self.unused, self.blocks[0].fc.in_features, self.training)
        self.eval()
        print("eval", [m.training for m in self.modules()])
        self.train()
        self.head.eval()
        print("mixed", [m.training for m in self.modules()])
        y = self(torch.ones(3, 4))
        print("forward", tuple(y.shape), y.dtype == torch.float32)
