#!/usr/bin/env bash
# Sample quality against wall time, written into docs/BENCHMARKS.md (between its quality-table
# markers): FID-MNIST, MNIST score and digits covered after every epoch of
#   - the cpu profile trained to completion (5 epochs, width 0.5), and
#   - the original recipe (width 1.0) for as many epochs as fit in MINUTES (30),
# beside the real-data floor. Same seed for both. Takes about 40 minutes on 2 cores; run it on a
# quiet machine (builds beside it slow the epochs down and the wall times say so).
#   scripts/bench-quality.sh [--minutes 30] [--only cpu|original] [--threads 2] [--seed 2026]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh # glibc malloc thresholds for libtorch (see there)
minutes=30 only="" threads=2 seed=2026
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source scripts/lib/cli-jar.sh
jar="$cli_jar"
bash scripts/fetch-mnist.sh
bash scripts/train-evaluator.sh --threads "$threads"   # once; not part of the runs' wall time
out=data/bench/quality
train() {  # run id, then train options
  local id="$1"; shift
  rm -rf "$out/$id"
  java -jar "$jar" train --seed "$seed" --threads "$threads" --quality-every 1 --out "$out" --run-id "$id" "$@" \
    2> >(grep --line-buffered -v CudaUtils >&2)
}
[[ "$only" == "original" ]] || train cpu-profile --profile cpu
[[ "$only" == "cpu" ]] || train original-recipe --profile original --max-minutes "$minutes"

tables=()
[[ -f "$out/cpu-profile/quality.jsonl" ]] && tables+=("cpu profile (width 0.5)=$out/cpu-profile/quality.jsonl")
[[ -f "$out/original-recipe/quality.jsonl" ]] && tables+=("original recipe (width 1.0), ${minutes} min=$out/original-recipe/quality.jsonl")
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
header="Measured $(date -u +%Y-%m-%d) on ${cpu}, $(nproc) cores, ${threads} libtorch threads, with \`scripts/bench-quality.sh --minutes ${minutes}\` (seed ${seed}; every epoch measured on 2,000 samples, 10,000 after a run's last epoch). Wall time counts training and measuring from the run's start."
java -cp "$jar" io.digitgan.cli.bench.QualityTable docs/BENCHMARKS.md data/evaluator/lenet-v1/manifest.json "$header" "${tables[@]}"
echo "docs/BENCHMARKS.md updated; sample grids in $out/*/samples/"
