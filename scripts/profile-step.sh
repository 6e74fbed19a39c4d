#!/usr/bin/env bash
# Where a training step's time goes: the real GanTrainer step timed phase by phase, then every
# layer of both models timed alone (forward, and backward from a gradient of ones), for the
# original recipe at batch 128 and each width, and for the cpu profile's recipe (width 0.5,
# batch 32, averaged generator). Prints Markdown tables (the ones in docs/BENCHMARKS.md); the raw
# JSON lines go to the file named by PROFILE_JSON (default: a temporary file, named on stderr).
#   scripts/profile-step.sh [widths=1.0,0.5,0.25] [threads=2] [warmup=5] [steps=20]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh # glibc malloc thresholds for libtorch (see there)
widths="${1:-1.0,0.5,0.25}"
threads="${2:-2}"
warmup="${3:-5}"
steps="${4:-20}"
source scripts/lib/cli-jar.sh
jar="$cli_jar"
bash scripts/fetch-mnist.sh >&2
json="${PROFILE_JSON:-$(mktemp /tmp/profile-step.XXXX.jsonl)}"
run() {
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" io.digitgan.cli.bench.StepProfile "$@" \
    2> >(grep -v CudaUtils >&2)
}
{
  run "$threads" original "$widths" 128 "$warmup" "$steps"
  run "$threads" cpu 0.5 32 "$warmup" "$((steps * 2))"
} >"$json"
echo "profile-step: raw lines in $json" >&2
python3 scripts/lib/profile_tables.py "$json"
