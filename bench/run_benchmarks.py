"""Issue 3's benchmark in one run: JitScope's `jitscope bench` against PyTorch 1.13 on the same machine.

For each model it saves a scripted archive and its input as .npy, times PyTorch (torch.jit.freeze +
torch.jit.optimize_for_inference, --threads threads, no_grad) and `./jitscope bench --json` on the same
archive and input, then prints both medians and the ratio JitScope / PyTorch (lower is better).

Usage: /usr/bin/python3 bench/run_benchmarks.py [--threads 2] [--iters 20] [--warmup 50] [--warmup-seconds 3] [--rounds 1] [--work DIR]
                                                [--only name,...] [--make-only] [--json] [--passes inference] [--paired [--block 10] [--settle-ms 50]]
JitScope is timed after its `inference` pipeline (freeze + folds + fusion) unless --passes says otherwise.
--rounds N times both sides N times, alternating model by model, and reports the median over rounds of each
side's median (and of each side's minimum) with the ratio of those: on a shared virtual machine a single
run's figures drift by 30 % or more from minute to minute, on both sides.
--paired times the two sides in turn, in short blocks, instead of one after the other: JitScope waits in
`jitscope bench --serve`, and the sides take turns at --block timed runs each (the order alternates), each block
after --settle-ms of untimed runs, so that the other side's idle threads have stopped spinning and the caches
hold this side's data. Both sides then see the same seconds of a noisy machine; the median of the per-block
ratios is reported too.
--make-only writes the archives, inputs and PyTorch timings (DIR/bench.json) without running JitScope.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import torch
import torchvision

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def transformer(d_model, heads, layers, ffn):
    layer = torch.nn.TransformerEncoderLayer(d_model=d_model, nhead=heads, dim_feedforward=ffn, batch_first=True)
    return torch.nn.TransformerEncoder(layer, num_layers=layers, enable_nested_tensor=False)


def models():
    """(name, module, input) of issue 3's benchmark."""
    torch.manual_seed(0)
    yield "resnet18", torchvision.models.resnet18(), torch.randn(1, 3, 224, 224)
    yield "mobilenet_v2", torchvision.models.mobilenet_v2(), torch.randn(1, 3, 224, 224)
    yield "transformer_small", transformer(64, 4, 2, 128), torch.randn(2, 10, 64)
    yield "transformer_large", transformer(256, 4, 4, 1024), torch.randn(1, 128, 256)


def time_pytorch(module, x, warmup, iters, warmup_seconds):
    with torch.no_grad():
        frozen = frozen_and_warm(module, x, warmup, warmup_seconds)
        times = []
        for _ in range(iters):
            t0 = time.perf_counter()
            frozen(x)
            times.append((time.perf_counter() - t0) * 1000)
    return summary(times)


def frozen_and_warm(module, x, warmup, warmup_seconds):
    frozen = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.script(module)))
    # the same warm-up rule as `jitscope bench --warmup-seconds`: N runs and at least S seconds
    start, runs = time.perf_counter(), 0
    while runs < warmup or time.perf_counter() - start < warmup_seconds:
        frozen(x)
        runs += 1
    return frozen


def summary(times):
    times = sorted(times)
    return {"median_ms": times[len(times) // 2], "min_ms": times[0]}


def jitscope_bench(archive, inp, passes, warmup, warmup_seconds, *more):
    """The `jitscope bench` command line for one archive and input, and its environment (offline Maven build)."""
    cmd = [os.path.join(ROOT, "jitscope"), "bench", archive, "--input", inp, "--passes", passes,
           "--warmup", str(warmup), "--warmup-seconds", str(warmup_seconds), *more]
    env = dict(os.environ)
    env.setdefault("JITSCOPE_MVN_OPTS", "-o")
    return cmd, env


def time_paired(module, x, archive, inp, args):
    """Both sides in turn, block by block: --block timed PyTorch runs, then --block timed JitScope runs, and so on."""
    cmd, env = jitscope_bench(archive, inp, args.passes, args.warmup, args.warmup_seconds, "--serve")
    js = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        ready = js.stdout.readline().strip()
        if ready != "ready":
            raise RuntimeError(f"{' '.join(cmd)} did not start: {ready} {js.stderr.read()[-2000:]}")

        def jitscope_once():
            js.stdin.write("run\n")
            js.stdin.flush()
            return float(js.stdout.readline())

        with torch.no_grad():
            frozen = frozen_and_warm(module, x, args.warmup, args.warmup_seconds)

            def pytorch_once():
                t0 = time.perf_counter()
                frozen(x)
                return (time.perf_counter() - t0) * 1000

            def block(once):
                start = time.perf_counter()
                while (time.perf_counter() - start) * 1000 < args.settle_ms:
                    once()
                return [once() for _ in range(args.block)]

            pt, ours, ratios = [], [], []
            for i in range((args.iters + args.block - 1) // args.block):
                if i % 2 == 0:
                    p, o = block(pytorch_once), block(jitscope_once)
                else:
                    o, p = block(jitscope_once), block(pytorch_once)
                pt += p
                ours += o
                ratios.append(statistics.median(o) / statistics.median(p))
        js.stdin.close()
        if js.wait(timeout=60) != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {js.stderr.read()[-2000:]}")
    finally:
        if js.poll() is None:
            js.kill()
    return {"pytorch": summary(pt), "jitscope": summary(ours), "pair_ratio": statistics.median(ratios)}


def time_jitscope(archive, inp, warmup, iters, passes, warmup_seconds):
    cmd, env = jitscope_bench(archive, inp, passes, warmup, warmup_seconds, "--iters", str(iters), "--json")
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
    line = [l for l in r.stdout.splitlines() if l.startswith("{")][-1]
    return json.loads(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=50,
                    help="untimed runs on both sides first (the JVM compiles the interpreter and kernels during the first runs)")
    ap.add_argument("--warmup-seconds", type=float, default=3.0,
                    help="keep warming up (both sides) until this many seconds have passed as well: the JVM compiles "
                         "the interpreter and kernels in the background during the first seconds")
    ap.add_argument("--rounds", type=int, default=1,
                    help="time both sides this many times, alternating, and report medians over the rounds")
    ap.add_argument("--paired", action="store_true",
                    help="time the sides run by run in turn (JitScope in `jitscope bench --serve`) instead of one after the other")
    ap.add_argument("--block", type=int, default=10, help="with --paired, timed runs per side per turn (default 10)")
    ap.add_argument("--settle-ms", type=float, default=50.0,
                    help="with --paired, untimed runs for this long before each block (default 50)")
    ap.add_argument("--work", default="/tmp/jitscope-bench")
    ap.add_argument("--only", default="")
    ap.add_argument("--make-only", action="store_true")
    ap.add_argument("--passes", default="inference",
                    help="JitScope pipeline run before timing (default inference: frozen, as PyTorch is timed)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.work, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    results = {"torch": torch.__version__, "threads": args.threads, "passes": args.passes, "machine": os.uname().machine,
               "cpus": os.cpu_count(), "models": {}}
    for name, module, x in models():
        if only and name not in only:
            continue
        module.eval()
        archive = os.path.join(args.work, name + ".pt")
        inp = os.path.join(args.work, name + ".in.npy")
        torch.jit.save(torch.jit.script(module), archive)
        np.save(inp, x.numpy())
        entry = {"archive": archive, "input": inp, "shape": list(x.shape), "rounds": []}
        for _ in range(max(1, args.rounds)):
            if args.paired and not args.make_only:
                entry["rounds"].append(time_paired(module, x, archive, inp, args))
                continue
            rnd = {"pytorch": time_pytorch(module, x, args.warmup, args.iters, args.warmup_seconds)}
            if not args.make_only:
                rnd["jitscope"] = time_jitscope(archive, inp, args.warmup, args.iters, args.passes, args.warmup_seconds)
            entry["rounds"].append(rnd)
        for side in ("pytorch", "jitscope"):
            if side in entry["rounds"][0]:
                entry[side] = {k: statistics.median(r[side][k] for r in entry["rounds"]) for k in ("median_ms", "min_ms")}
        if not args.make_only:
            entry["ratio"] = entry["jitscope"]["median_ms"] / entry["pytorch"]["median_ms"]
            entry["ratio_min"] = entry["jitscope"]["min_ms"] / entry["pytorch"]["min_ms"]
            entry["round_ratios"] = [r["jitscope"]["median_ms"] / r["pytorch"]["median_ms"] for r in entry["rounds"]]
            if args.paired:
                entry["pair_ratio"] = statistics.median(r["pair_ratio"] for r in entry["rounds"])
        results["models"][name] = entry
        print(f"{name}: done", file=sys.stderr)
    with open(os.path.join(args.work, "bench.json"), "w") as f:
        json.dump(results, f, indent=1)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    rounds = f", median over {args.rounds} alternating rounds" if args.rounds > 1 else ""
    if args.paired:
        rounds += f", in turns of {args.block} runs per side; last column: median of the per-turn ratios"
    print(f"PyTorch {results['torch']}, {args.threads} threads, {results['cpus']} CPUs; JitScope passes {args.passes}; "
          f"median (and min) ms of {args.iters} runs{rounds}; on a loaded machine the minimums are the steadier figures")
    print(f"{'model':20} {'input':14} {'PyTorch':>9} {'JitScope':>9} {'ratio':>6}   {'min PT':>8} {'min JS':>8} {'ratio':>6}")
    for name, e in results["models"].items():
        js = e.get("jitscope")
        line = f"{name:20} {'x'.join(map(str, e['shape'])):14} {e['pytorch']['median_ms']:9.2f} "
        if js is None:
            print(line + f"{'-':>9} {'-':>6}   {e['pytorch']['min_ms']:8.2f}")
            continue
        per_round = "   rounds: " + " ".join(f"{r:.2f}" for r in e["round_ratios"]) if args.rounds > 1 else ""
        paired = f"   turns: {e['pair_ratio']:.2f}" if "pair_ratio" in e else ""
        print(line + f"{js['median_ms']:9.2f} {e['ratio']:6.2f}   {e['pytorch']['min_ms']:8.2f} {js['min_ms']:8.2f} {e['ratio_min']:6.2f}"
              + per_round + paired)


if __name__ == "__main__":
    main()
