#!/usr/bin/env bash
# Workbench graph benchmark (issue 7, "Performance"): open → ELK layout → scene build → first frame,
# then panning fps, in the real renderers under Xvfb. Makes resnet18 / densenet121 archives with
# PyTorch 1.13 + torchvision (scripted, eval) on first use, in $WORK (default /tmp/jitscope-ui-bench).
# Usage: bench/workbench_benchmark.sh [--renderer graphstream|canvas] [--pan-frames N] [CASE...]
#   CASE: name=archive.pt | synthetic:N   (default: resnet18, densenet121, synthetic:2000, synthetic:10000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-/tmp/jitscope-ui-bench}"
mkdir -p "$work"
for m in resnet18 densenet121; do
    [[ -f "$work/$m.pt" ]] || /usr/bin/python3 - "$m" "$work/$m.pt" <<'PY'
import sys, torch, torchvision
name, out = sys.argv[1], sys.argv[2]
torch.jit.save(torch.jit.script(getattr(torchvision.models, name)().eval()), out)
PY
done
opts=() cases=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --renderer|--pan-frames) opts+=("$1" "$2"); shift 2 ;;
        *) cases+=("$1"); shift ;;
    esac
done
[[ ${#cases[@]} -gt 0 ]] || cases=("resnet18=$work/resnet18.pt" "densenet121=$work/densenet121.pt" synthetic:2000 synthetic:10000)
if [[ ! -f "$root/app/target/classpath.txt" || ! -d "$root/app/target/classes/dev/jitscope/app/workbench/bench" ]]; then
    (cd "$root" && mvn -o -q -pl app -am compile) >&2
fi
cp="$root/app/target/classes:$(cat "$root/app/target/classpath.txt")"
exec xvfb-run -a -s "-screen 0 1600x1000x24" java -Xmx3g ${JAVA_OPTS:-} -cp "$cp" dev.jitscope.app.workbench.bench.WorkbenchBenchmark "${opts[@]}" "${cases[@]}"
