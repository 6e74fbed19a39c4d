#!/usr/bin/env bash
# Training-step and inference benchmark: ms per step at batch 128 for several widths at 1 and 2
# threads (median of the timed steps after warm-up), generator inference for 1 and 64 images,
# and the step's FLOP/s as a share of a 2048² float32 matmul in the same engine and process.
# One JSON line per width and thread count on stdout. Usage:
#   scripts/bench-train.sh [widths=1.0,0.5,0.25] [threads="1 2"] [warmup=5] [steps=20]
set -euo pipefail
cd "$(dirname "$0")/.."
widths="${1:-1.0,0.5,0.25}"
threads="${2:-1 2}"
warmup="${3:-5}"
steps="${4:-20}"
jar=gan-core/target/gan-core-0.1.0-SNAPSHOT.jar
[[ -f "$jar" ]] || mvn -B -q -pl gan-core -am package -DskipTests >&2
bash scripts/fetch-mnist.sh >&2
for t in $threads; do
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" io.digitgan.core.bench.TrainBenchmark \
    "$t" "$widths" "$warmup" "$steps" 128 2> >(grep -v CudaUtils >&2)
done
