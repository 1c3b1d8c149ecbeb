"""The `inference` pipeline's benchmark: what it costs to run and what it buys the executor.

For resnet18, densenet121 and a transformer encoder it saves a scripted archive and an input .npy, runs
`./jitscope passes MODEL --pipeline inference --input IN --time N --json` (the pipeline's duration pass by
pass, then N executor runs of the unoptimized and of the optimized graph), and does the same with PyTorch
1.13 on the same machine: the time of torch.jit.freeze + torch.jit.optimize_for_inference, and the median
run of the scripted module before and after them (no_grad, --threads threads).

Usage: /usr/bin/python3 bench/passes_benchmark.py [--threads 2] [--iters 10] [--work DIR] [--only name,...]
                                                  [--markdown]
--markdown prints the table in docs/performance.md's form.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np
import torch
import torchvision

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def models():
    """(name, module, input): the brief's three models at their usual sizes."""
    torch.manual_seed(0)
    yield "resnet18", torchvision.models.resnet18(), torch.randn(1, 3, 224, 224)
    yield "densenet121", torchvision.models.densenet121(), torch.randn(1, 3, 224, 224)
    layer = torch.nn.TransformerEncoderLayer(d_model=256, nhead=4, dim_feedforward=1024, batch_first=True)
    yield "transformer_encoder", torch.nn.TransformerEncoder(layer, num_layers=4, enable_nested_tensor=False), \
        torch.randn(1, 128, 256)


def median_ms(fn, x, warmup, iters):
    for _ in range(warmup):
        fn(x)
    times = []
    for _ in range(iters):
        t0 = time.perf_counter()
        fn(x)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]


def time_pytorch(module, x, warmup, iters):
    with torch.no_grad():
        scripted = torch.jit.script(module)
        t0 = time.perf_counter()
        optimized = torch.jit.optimize_for_inference(torch.jit.freeze(scripted))
        pipeline_ms = (time.perf_counter() - t0) * 1000
        return {"pipeline_ms": pipeline_ms,
                "unoptimized_ms": median_ms(scripted, x, warmup, iters),
                "optimized_ms": median_ms(optimized, x, warmup, iters)}


def time_jitscope(archive, inp, iters):
    cmd = [os.path.join(ROOT, "jitscope"), "passes", archive, "--pipeline", "inference", "--input", inp,
           "--time", str(iters), "--json"]
    env = dict(os.environ)
    env.setdefault("JITSCOPE_MVN_OPTS", "-o")
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
    out = json.loads(r.stdout[r.stdout.index("{"):])   # one object, its pass records one per line
    return {"pipeline_ms": sum(p["ms"] for p in out["passes"]),
            "nodes": [out["passes"][0]["nodes_before"], out["passes"][-1]["nodes_after"]],
            "outputs_equal": out["outputs_equal"],
            "unoptimized_ms": out["run_unoptimized"]["median_ms"],
            "optimized_ms": out["run_optimized"]["median_ms"]}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def markdown(results):
    lines = [f"Measured {results['date']} on {results['cpu']}, nproc {results['nproc']}, "
             f"PyTorch {results['torch']} with {results['threads']} threads; median of {results['iters']} runs.",
             "",
             "| model | input | nodes before → after | JitScope pipeline ms | PyTorch freeze+optimize ms "
             "| JitScope run ms unopt → opt | speedup | PyTorch run ms unopt → opt | PyTorch speedup |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, e in results["models"].items():
        j, p = e["jitscope"], e["pytorch"]
        lines.append(f"| {name} | {'x'.join(map(str, e['shape']))} | {j['nodes'][0]} → {j['nodes'][1]} "
                     f"| {j['pipeline_ms']:.0f} | {p['pipeline_ms']:.0f} "
                     f"| {j['unoptimized_ms']:.1f} → {j['optimized_ms']:.1f} | {j['unoptimized_ms'] / j['optimized_ms']:.2f}x "
                     f"| {p['unoptimized_ms']:.1f} → {p['optimized_ms']:.1f} | {p['unoptimized_ms'] / p['optimized_ms']:.2f}x |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--work", default="/tmp/jitscope-passes-bench")
    ap.add_argument("--only", default="")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.work, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    results = {"date": time.strftime("%Y-%m-%d"), "cpu": cpu_model(), "nproc": os.cpu_count(),
               "torch": torch.__version__, "threads": args.threads, "iters": args.iters, "models": {}}
    for name, module, x in models():
        if only and name not in only:
            continue
        module.eval()
        archive = os.path.join(args.work, name + ".pt")
        inp = os.path.join(args.work, name + ".in.npy")
        torch.jit.save(torch.jit.script(module), archive)
        np.save(inp, x.numpy())
        results["models"][name] = {"shape": list(x.shape),
                                   "pytorch": time_pytorch(module, x, args.warmup, args.iters),
                                   "jitscope": time_jitscope(archive, inp, args.iters)}
        print(f"{name}: done", file=sys.stderr)
    with open(os.path.join(args.work, "passes_bench.json"), "w") as f:
        json.dump(results, f, indent=1)
    print(markdown(results) if args.markdown else json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
