# Writes torch.jit.save archives and, for each, <name>.txt listing every tensor of its state_dict:
# "key<TAB>dtype<TAB>shape<TAB>sum<TAB>abs-sum<TAB>first element" (computed by PyTorch, the referee).
import sys, warnings
import torch, torch.nn as nn, torchvision
from typing import Tuple
warnings.filterwarnings("ignore")
torch.manual_seed(0)
out = sys.argv[1]
only = set(sys.argv[2:])   # model names to write; all when empty

class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.l = nn.Linear(3, 2)
        self.bn = nn.BatchNorm1d(2)
        self.k = 5
        self.register_buffer("view", torch.arange(6.).view(2, 3)[:, 1:])   # a strided view at offset 1
        self.register_buffer("count", torch.tensor([7, 8, 9]))
    def forward(self, x):
        return self.bn(self.l(x)) * self.k

class Attrs(nn.Module):
    def __init__(self):
        super().__init__()
        self.ints = [1, 2]
        self.d = {"a": torch.ones(2), "b": torch.zeros(1)}
        self.t = (1, "x")
        self.f = 2.5
        self.dev = torch.device("cpu")
    def forward(self, x):
        return x * self.f + self.d["a"].sum() + self.ints[1]

TRACED_CONSTANT = torch.tensor([1.5, 2.5, 3.5])

class TracedConstant(nn.Module):
    def forward(self, x):
        return x + TRACED_CONSTANT.clone()   # tracing keeps this as a tensor constant in constants.pkl

class LstmWrap(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 4)
    def forward(self, x):
        return self.lstm(x)[0]

class WithState(nn.Module):
    """Saves itself through __getstate__; __setstate__ rebuilds a derived attribute on load."""
    def __init__(self):
        super().__init__()
        self.w = torch.randn(3)
        self.n = 3
        self.doubled = self.w * 2
    @torch.jit.export
    def __getstate__(self):
        return (self.w, self.n, self.training)
    @torch.jit.export
    def __setstate__(self, state: Tuple[torch.Tensor, int, bool]):
        self.w = state[0]
        self.n = state[1]
        self.training = state[2]
        self.doubled = state[0] * 2
    def forward(self, x):
        return x * self.doubled + self.n

def quantized():
    m = nn.Sequential(torch.ao.quantization.QuantStub(), nn.Linear(4, 4), torch.ao.quantization.DeQuantStub())
    m.qconfig = torch.ao.quantization.get_default_qconfig("fbgemm")
    prepared = torch.ao.quantization.prepare(m)
    prepared(torch.randn(2, 4))
    return torch.jit.script(torch.ao.quantization.convert(prepared))

makers = {
    "quantized": quantized,
    "tiny": lambda: torch.jit.script(Tiny().eval()),
    "attrs": lambda: torch.jit.script(Attrs()),
    "setstate": lambda: torch.jit.script(WithState()),
    "traced_constant": lambda: torch.jit.trace(TracedConstant(), torch.ones(3)),
    "lstm": lambda: torch.jit.script(LstmWrap()),
    "resnet18": lambda: torch.jit.script(torchvision.models.resnet18().eval()),
    "densenet121": lambda: torch.jit.script(torchvision.models.densenet121().eval()),
    "googlenet": lambda: torch.jit.script(torchvision.models.googlenet(aux_logits=False, init_weights=False).eval()),
    "mobilenet_traced": lambda: torch.jit.trace(torchvision.models.mobilenet_v2().eval(), torch.randn(1, 3, 32, 32)),
    "transformer": lambda: torch.jit.script(nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2), 2).eval()),
}
for name, make in makers.items():
    if only and name not in only:
        continue
    m = make()
    torch.jit.save(m, f"{out}/{name}.pt")
    with open(f"{out}/{name}.txt", "w") as f:
        tensors = dict(m.state_dict())
        if name == "traced_constant":
            tensors["c0"] = TRACED_CONSTANT
        for k, v in tensors.items():
            d = v.double()
            first = d.flatten()[0].item() if v.numel() else 0.0
            shape = ",".join(str(s) for s in v.shape)
            f.write(f"{k}\t{str(v.dtype).replace('torch.', '')}\t{shape}\t{d.sum().item()!r}\t{d.abs().sum().item()!r}\t{first!r}\n")
sd = Tiny().state_dict()
torch.save(sd, f"{out}/state_dict.pt")
with open(f"{out}/state_dict.txt", "w") as f:
    for k, v in sd.items():
        d = v.double()
        f.write(f"{k}\t{str(v.dtype).replace('torch.', '')}\t{','.join(str(s) for s in v.shape)}\t{d.sum().item()!r}\t{d.abs().sum().item()!r}\t{d.flatten()[0].item()!r}\n")
print("ok")
