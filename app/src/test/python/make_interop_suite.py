"""Builds the interop suite with PyTorch 1.13 (the referee): scripted and traced models saved with
torch.jit.save, plus OUTDIR/manifest.json with, per archive, the operator-kind counts of
forward's inlined graph and input sets (.npy) with PyTorch's outputs (.npy).

usage: /usr/bin/python3 make_interop_suite.py OUTDIR [NAME...]

Outputs are flattened depth-first (tuple/list members in order); int/float/bool outputs become 0-d
int64/float64/bool arrays; a None output is null in the manifest's output list. Counts are taken from the archive loaded back with torch.jit.load, which
is what JitScope sees: PyTorch compiling the archive's code/.

torchvision 0.14 classification families and torch.jit.script, tried with Debian's 0.14.1 build:
every family scripts: alexnet, convnext, densenet, efficientnet (v1 MBConv and v2 FusedMBConv
blocks), googlenet, inception_v3 (both return a named tuple whose aux members are None when
scripted in eval), maxvit, mnasnet, mobilenet_v2, mobilenet_v3, regnet, resnet (resnext and
wide_resnet are resnet configurations), shufflenet_v2, squeezenet, swin (v1 and v2), vgg and
vision_transformer. None is skipped. A case PyTorch refuses later (e.g. after an upgrade) is listed
in manifest["skipped"] with PyTorch's message instead of silently disappearing.
Sizes: a family's smallest stock model is used where it is small; otherwise the family's own
constructor builds a narrow, shallow configuration (the same modules and operators, fewer channels),
so the whole suite stays well under 300 MB. alexnet and vgg have a fixed 512*7*7 -> 4096 -> 4096
classifier (>200 MB); their classifier is replaced by a single Linear of the same input size.
"""
import json
import os
import sys
import time
import warnings
from collections import Counter
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch
import torch.nn as nn

warnings.filterwarnings("ignore")


# ---------------------------------------------------------------- tutorial models (torch.jit tutorial)

class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 20)
        self.fc2 = nn.Linear(20, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class ControlFlowModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 4)

    def forward(self, x):
        if x.mean() > 0.5:
            return self.linear(x)
        return torch.relu(x) * 2


class MyDecisionGate(nn.Module):
    def forward(self, x):
        if x.sum() > 0:
            return x
        else:
            return -x


class MyCell(nn.Module):
    def __init__(self):
        super().__init__()
        self.dg = MyDecisionGate()
        self.linear = nn.Linear(4, 4)

    def forward(self, x, h):
        new_h = torch.tanh(self.dg(self.linear(x)) + h)
        return new_h, new_h


# ---------------------------------------------------------------- language features

class SequenceLoop(nn.Module):
    """A loop over a sequence building a list; the trip count is the input's length."""
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(3, 3)

    def forward(self, xs):
        outs: List[torch.Tensor] = []
        h = torch.zeros(3)
        for i in range(xs.size(0)):
            h = torch.tanh(self.proj(xs[i]) + h)
            outs.append(h)
        return torch.stack(outs), len(outs)


class HalvingWhile(nn.Module):
    """A data-dependent while: halves until the norm is at most one and counts the steps."""
    def forward(self, x):
        steps = 0
        while bool(x.norm() > 1.0):
            x = x / 2
            steps += 1
        return x, steps


class Containers(nn.Module):
    """Dict, List, Optional and str inside the model; tensors in and out."""
    def __init__(self):
        super().__init__()
        self.names: List[str] = ["low", "high"]

    def forward(self, x):
        parts: Dict[str, torch.Tensor] = {}
        for name in self.names:
            parts[name] = x * 2 if name == "high" else x - 1
        chosen: Optional[torch.Tensor] = None
        if x.max() > 0.5:
            chosen = parts["high"]
        label = "neg" if x.min() < 0 else "pos"
        total = parts["low"] + parts["high"]
        if chosen is not None:
            total = total + chosen
        if label == "neg":
            total = total.abs()
        return total, float(len(parts)), label.startswith("p")


# ---------------------------------------------------------------- recurrent / attention wrappers

class LSTMWrapper(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(8, 16, num_layers=2)

    def forward(self, x):
        out, (h, c) = self.rnn(x)
        return out, h, c


class GRUWrapper(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(8, 16)

    def forward(self, x):
        out, h = self.rnn(x)
        return out, h


def transformer_encoder():
    return nn.TransformerEncoder(nn.TransformerEncoderLayer(32, 4, dim_feedforward=64), 2)


# ---------------------------------------------------------------- torchvision families

def torchvision_family(name):
    import torchvision.models as M
    from torchvision.models import convnext, efficientnet, mobilenetv3, regnet, swin_transformer
    from torchvision.models import vision_transformer, maxvit, vgg
    if name == "resnet18":
        return M.resnet18()
    if name == "mobilenet_v2":
        return M.mobilenet_v2()
    if name == "alexnet":
        m = M.alexnet(num_classes=10)
        m.classifier = nn.Sequential(nn.Dropout(), nn.Linear(256 * 6 * 6, 10))
        return m
    if name == "vgg11_bn":
        m = vgg.VGG(vgg.make_layers([8, "M", 16, "M", 32, "M", 64, "M", 512, "M"], batch_norm=True), num_classes=10)
        m.classifier = nn.Sequential(nn.Dropout(), nn.Linear(512 * 7 * 7, 10))
        return m
    if name == "convnext":
        cfg = convnext.CNBlockConfig
        return convnext.ConvNeXt([cfg(16, 32, 1), cfg(32, 64, 1), cfg(64, None, 1)], num_classes=10)
    if name == "densenet":
        return M.DenseNet(growth_rate=8, block_config=(2, 2), num_init_features=16, num_classes=10)
    if name == "efficientnet":
        cfg = efficientnet.MBConvConfig
        setting = [cfg(1, 3, 1, 16, 16, 1), cfg(4, 3, 2, 16, 24, 1), cfg(4, 5, 2, 24, 32, 1)]
        return efficientnet.EfficientNet(setting, dropout=0.2, num_classes=10)
    if name == "efficientnet_v2":
        setting = [efficientnet.FusedMBConvConfig(1, 3, 1, 16, 16, 1),
                   efficientnet.FusedMBConvConfig(4, 3, 2, 16, 24, 1),
                   efficientnet.MBConvConfig(4, 3, 2, 24, 32, 1)]
        return efficientnet.EfficientNet(setting, dropout=0.2, num_classes=10, last_channel=64)
    if name == "googlenet":
        return M.GoogLeNet(num_classes=10, aux_logits=False, init_weights=False)
    if name == "inception_v3":
        return M.Inception3(num_classes=10, aux_logits=False, init_weights=False)
    if name == "maxvit":
        return maxvit.MaxVit(input_size=(32, 32), stem_channels=8, partition_size=2, block_channels=[16, 32],
                             block_layers=[1, 1], head_dim=8, stochastic_depth_prob=0.0, num_classes=10)
    if name == "mnasnet":
        return M.mnasnet0_5(num_classes=10)
    if name == "mobilenet_v3":
        setting, last = mobilenetv3._mobilenet_v3_conf("mobilenet_v3_small", width_mult=0.25)
        return mobilenetv3.MobileNetV3(setting, last, num_classes=10)
    if name == "regnet":
        params = regnet.BlockParams.from_init_params(depth=4, w_0=8, w_a=8.0, w_m=2.0, group_width=8)
        return regnet.RegNet(params, num_classes=10, stem_width=8)
    if name == "resnext":
        return M.ResNet(M.resnet.Bottleneck, [1, 1, 1, 1], num_classes=10, groups=4, width_per_group=4)
    if name == "shufflenet_v2":
        return M.ShuffleNetV2([2, 2, 2], [8, 16, 32, 64, 128], num_classes=10)
    if name == "squeezenet":
        return M.squeezenet1_1(num_classes=10)
    if name == "swin":
        return swin_transformer.SwinTransformer(patch_size=[4, 4], embed_dim=16, depths=[1, 1], num_heads=[2, 2],
                                                window_size=[2, 2], num_classes=10)
    if name == "swin_v2":
        return swin_transformer.SwinTransformer(patch_size=[4, 4], embed_dim=16, depths=[1, 1], num_heads=[2, 2],
                                                window_size=[2, 2], num_classes=10,
                                                block=swin_transformer.SwinTransformerBlockV2,
                                                downsample_layer=swin_transformer.PatchMergingV2)
    if name == "vit":
        return vision_transformer.VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=2,
                                                    hidden_dim=16, mlp_dim=32, num_classes=10)
    raise KeyError(name)


TORCHVISION = ["resnet18", "mobilenet_v2", "alexnet", "vgg11_bn", "convnext", "densenet", "efficientnet",
               "efficientnet_v2", "googlenet", "inception_v3", "maxvit", "mnasnet", "mobilenet_v3", "regnet",
               "resnext", "shufflenet_v2", "squeezenet", "swin", "swin_v2", "vit"]

# input image side per family (the smallest that the architecture's downsampling accepts)
IMAGE_SIDE = {"resnet18": 64, "mobilenet_v2": 64, "alexnet": 64, "vgg11_bn": 32, "inception_v3": 80,
              "googlenet": 64, "maxvit": 32, "vit": 32, "swin": 32, "swin_v2": 32}


# ---------------------------------------------------------------- inputs

def gate_inputs(cell):
    """MyCell inputs whose gate takes both branches: push linear(x).sum() to either sign."""
    w, b = cell.linear.weight.detach(), cell.linear.bias.detach()
    direction = w.sum(0)
    direction = direction / direction.norm()
    h = torch.randn(3, 4)
    return [(direction.repeat(3, 1) * 10, h), (direction.repeat(3, 1) * -10, h)]


def input_sets(name, model):
    if name in ("simple", "simple_traced"):
        return [(torch.randn(2, 10),), (torch.randn(5, 10),)]
    if name == "controlflow":   # mean above and below 0.5: both branches
        return [(torch.rand(3, 4) + 1.0,), (torch.rand(3, 4) - 1.0,)]
    if name in ("mycell", "mycell_traced"):
        return gate_inputs(model)
    if name == "sequence_loop":
        return [(torch.randn(4, 3),), (torch.randn(1, 3),), (torch.randn(7, 3),)]
    if name == "halving_while":  # zero and several iterations
        return [(torch.full((5,), 0.1),), (torch.randn(5) * 40,)]
    if name == "containers":     # max > 0.5 or not, min < 0 or not
        return [(torch.rand(2, 3) + 1.0,), (torch.rand(2, 3) - 2.0,), (torch.rand(2, 3) * 0.4,)]
    if name.startswith("lstm") or name.startswith("gru"):
        return [(torch.randn(5, 2, 8),), (torch.randn(3, 1, 8),)]
    if name.startswith("transformer"):
        return [(torch.randn(6, 2, 32),), (torch.randn(3, 1, 32),)]
    base = name[:-len("_traced")] if name.endswith("_traced") else name
    side = IMAGE_SIDE.get(base, 48)
    return [(torch.randn(1, 3, side, side),), (torch.randn(2, 3, side, side),)]


# ---------------------------------------------------------------- census and outputs

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
    return dict(sorted(counts.items()))


def tensor_info(t):
    """'Float(4, 4)': storage type name and shape, the form jitscope modules prints."""
    return f"{t.type().replace('torch.', '').replace('Tensor', '')}({', '.join(str(d) for d in t.shape)})"


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
    elif value is None:   # e.g. GoogLeNet's aux outputs when scripted; written as null in the manifest
        out.append(None)
    else:
        raise TypeError(f"output of type {type(value).__name__} cannot be written as .npy")
    return out


def build(name):
    local = {"simple": SimpleModel, "controlflow": ControlFlowModel, "mycell": MyCell,
             "sequence_loop": SequenceLoop, "halving_while": HalvingWhile, "containers": Containers,
             "lstm": LSTMWrapper, "gru": GRUWrapper, "transformer": transformer_encoder}
    if name in local:
        return local[name]()
    return torchvision_family(name)


TUTORIAL = {"simple", "controlflow", "mycell", "simple_traced", "mycell_traced"}
LANGUAGE = ["simple", "controlflow", "mycell", "sequence_loop", "halving_while", "containers"]
SEQUENCE = ["lstm", "gru", "transformer"]
TRACED = ["simple", "mycell", "lstm", "transformer", "mobilenet_v2"]
ALL = LANGUAGE + SEQUENCE + TORCHVISION + [t + "_traced" for t in TRACED]


def make_case(out, name):
    traced = name.endswith("_traced")
    base = name[:-len("_traced")] if traced else name
    torch.manual_seed(1234)
    model = build(base).eval()
    inputs = input_sets(name, model)
    with torch.no_grad():
        if traced:
            scripted = torch.jit.trace(model, inputs[0], check_trace=False)
        else:
            scripted = torch.jit.script(model)
    path = os.path.join(out, name + ".pt")
    torch.jit.save(scripted, path)
    loaded = torch.jit.load(path)
    entry = {"name": name, "file": name + ".pt", "tutorial": name in TUTORIAL, "traced": traced,
             "type": loaded._c._type().qualified_name(),
             "counts": count_kinds(loaded.forward.inlined_graph),
             "parameters": {n: tensor_info(t) for n, t in loaded.named_parameters()},
             "buffers": {n: tensor_info(t) for n, t in loaded.named_buffers()},
             "cases": []}
    for i, args in enumerate(inputs):
        with torch.no_grad():
            result = loaded(*args)
        case = {"inputs": [], "outputs": []}
        for j, a in enumerate(args):
            f = f"{name}.in{i}.{j}.npy"
            np.save(os.path.join(out, f), a.contiguous().numpy())
            case["inputs"].append(f)
        for j, r in enumerate(flatten(result, [])):
            if r is None:
                case["outputs"].append(None)
                continue
            f = f"{name}.out{i}.{j}.npy"
            np.save(os.path.join(out, f), r)
            case["outputs"].append(f)
        entry["cases"].append(case)
    return entry


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    names = sys.argv[2:] or ALL
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(2)
    manifest = {"torch": torch.__version__, "archives": [], "skipped": {}}
    for name in names:
        start = time.time()
        try:
            manifest["archives"].append(make_case(out, name))
        except Exception as e:  # record why PyTorch refused, instead of hiding the family
            manifest["skipped"][name] = f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"
        print(f"{name}: {time.time() - start:.1f}s", file=sys.stderr)
    tmp = os.path.join(out, "manifest.json.tmp")
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1)
    os.replace(tmp, os.path.join(out, "manifest.json"))  # the manifest appears only when complete


if __name__ == "__main__":
    main()
