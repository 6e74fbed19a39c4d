#!/usr/bin/env bash
# Training-step and inference benchmark: ms per step at batch 128 for several widths at 1 and 2
# threads (median of the timed steps after warm-up), generator inference for 1 and 64 images,
# and the step's FLOP/s as a share of a 2048² float32 matmul in the same engine and process.
# Beside it, the same step written plainly in PyTorch (reference/pytorch_train_step.py, Debian's
# python3-torch) in the same run, the two alternating; then one comparison line per width and
# thread count with both medians over the repetitions. JSON lines on stdout. Usage:
#   scripts/bench-train.sh [widths=1.0,0.5,0.25] [threads="1 2"] [warmup=5] [steps=20] [repetitions=1]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh # glibc malloc thresholds for libtorch (see there)
widths="${1:-1.0,0.5,0.25}"
threads="${2:-1 2}"
warmup="${3:-5}"
steps="${4:-20}"
reps="${5:-1}"
source scripts/lib/cli-jar.sh
jar="$cli_jar"
bash scripts/fetch-mnist.sh >&2
python=""
for p in /usr/bin/python3 python3; do
  if "$p" -c "import torch" 2>/dev/null; then python="$p"; break; fi
done
[[ -n "$python" ]] || echo "bench-train: no Python with PyTorch (apt-get install python3-torch): DJL only" >&2
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

djl() {
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" io.digitgan.cli.bench.TrainBenchmark \
    "$1" "$widths" "$warmup" "$steps" 128 2> >(grep -v CudaUtils >&2)
}
pytorch() {
  [[ -n "$python" ]] && "$python" reference/pytorch_train_step.py --threads "$1" --widths "$widths" \
    --warmup "$warmup" --steps "$steps" --batch 128
}

for t in $threads; do
  for rep in $(seq "$reps"); do
    if (( rep % 2 )); then djl "$t"; pytorch "$t" || true; else pytorch "$t" || true; djl "$t"; fi
  done
done | tee "$out"

# One line per width and thread count: the medians of both over the repetitions.
awk '
  function field(name,   m) { return match($0, "\"" name "\": ?[^,}]*") ? substr($0, RSTART, RLENGTH) : "" }
  function value(name,   f) { f = field(name); sub(/.*: ?/, "", f); gsub(/"/, "", f); return f }
  { key = value("width") + 0 " " value("threads"); impl = (value("impl") == "pytorch") ? "pytorch" : "djl"
    n[key, impl]++; v[key, impl, n[key, impl]] = value("msPerStep") + 0; keys[key] = 1 }
  function median(key, impl,   i, j, t, c) {
    c = n[key, impl]; if (c == 0) return -1
    for (i = 1; i <= c; i++) s[i] = v[key, impl, i]
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
    return (c % 2) ? s[(c + 1) / 2] : (s[c / 2] + s[c / 2 + 1]) / 2 }
  END { for (k in keys) { split(k, p, " "); d = median(k, "djl"); y = median(k, "pytorch")
    printf "{\"bench\":\"djl-vs-pytorch\",\"width\":%s,\"threads\":%s,\"repetitions\":%d,\"djlMsPerStep\":%.1f", p[1], p[2], n[k, "djl"], d
    if (y > 0) printf ",\"pytorchMsPerStep\":%.1f,\"djlOverPytorch\":%.3f", y, d / y
    printf "}\n" } }' "$out" | sort
