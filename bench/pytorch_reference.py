"""PyTorch's own timing for the benchmark models, printed as JSON, so docs/performance.md can put
JitScope's figure beside the referee's from the same machine and the same run.

Usage: /usr/bin/python3 bench/pytorch_reference.py [--threads N] [--iters N]
"""
import argparse
import json
import time

import torch
import torchvision


def models():
    torch.manual_seed(0)
    yield "resnet18", torchvision.models.resnet18().eval(), (torch.randn(1, 3, 224, 224),)
    yield "mobilenet_v2", torchvision.models.mobilenet_v2().eval(), (torch.randn(1, 3, 224, 224),)
    layer = torch.nn.TransformerEncoderLayer(d_model=256, nhead=8, dim_feedforward=1024, batch_first=True)
    enc = torch.nn.TransformerEncoder(layer, num_layers=4).eval()
    yield "transformer", enc, (torch.randn(1, 128, 256),)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--iters", type=int, default=20)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    out = {"torch": torch.__version__, "threads": args.threads, "models": {}}
    with torch.no_grad():
        for name, model, inputs in models():
            scripted = torch.jit.script(model)
            for _ in range(3):
                scripted(*inputs)
            times = []
            for _ in range(args.iters):
                t0 = time.perf_counter()
                scripted(*inputs)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            out["models"][name] = {"median_ms": times[len(times) // 2], "min_ms": times[0]}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
