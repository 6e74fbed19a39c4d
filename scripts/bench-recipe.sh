#!/usr/bin/env bash
# The CPU recipe search: trains every candidate of a small grid for the same wall-clock budget
# (the train command's --max-minutes; 10 minutes on 2 cores by default), then measures each
# run's last checkpoint on 10,000 samples, raw and averaged generator, and prints the table
# (median and range over the seeds, beside the real-data floor at the same sample count).
#   scripts/bench-recipe.sh [--minutes 10] [--seeds 1,2,3] [--only name,name] [--threads 2] [--list]
#                           [--extra "train options"] [--out DIR] [--evaluator lenet-v1]
# --evaluator names the evaluator whose real-data floor the table quotes: fashion-lenet-v1 for the
# Fashion-MNIST candidates (run them into an --out of their own).
# --extra goes after each candidate's options (e.g. "--epochs 6" for a quick screen at equal
# epochs, which a busy machine cannot distort).
# Results append to data/bench/recipe/results.jsonl (one line per candidate and seed; a pair
# already there is not trained again, so an interrupted search resumes); the table is rebuilt
# from that file every time. Run it on a quiet machine: builds beside it cost the runs epochs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh # glibc malloc thresholds for libtorch (see there)
minutes=10 seeds=1,2,3 only="" threads=2 list="" extra="" out=data/bench/recipe evaluator=lenet-v1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --list) list=1; shift ;;
    --extra) extra="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --evaluator) evaluator="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# name | train options. Each names the epochs that fit the budget on 2 quiet cores (the noise
# schedule and the average's warm-up depend on them); --max-minutes is the hard stop.
grid=(
  "original|--profile original"
  "old-cpu|--profile original --width 0.5 --epochs 5 --ema-decay 0.999"
  "report-w0.5-ema|--profile original --width 0.5 --epochs 8 --ema-decay 0.999"
  "clean-w0.5-ema|--profile original --width 0.5 --epochs 8 --noise-start 0 --lr-d 2e-4 --ema-decay 0.999"
  "ttur-w0.5-ema|--profile original --width 0.5 --epochs 8 --noise-start 0 --lr-g 1e-4 --lr-d 4e-4 --ema-decay 0.999"
  "hinge-w0.5-ema|--profile original --width 0.5 --epochs 8 --noise-start 0 --loss hinge --lr-d 4e-4 --ema-decay 0.999"
  "fast-w0.5-ema|--profile original --width 0.5 --epochs 8 --noise-start 0 --lr-g 5e-4 --lr-d 5e-4 --ema-decay 0.999"
  "nodrop-w0.5-ema|--profile original --width 0.5 --epochs 8 --noise-start 0 --lr-d 2e-4 --dropout 0 --ema-decay 0.999"
  "lsgan-w0.5-ema|--profile original --width 0.5 --epochs 8 --noise-start 0 --loss lsgan --lr-d 2e-4 --ema-decay 0.999"
  "pure-w0.5-ema|--profile original --width 0.5 --epochs 8 --noise-start 0 --lr-d 2e-4 --real-label 1 --ema-decay 0.999"
  "clean-w0.5-b64-ema|--profile original --width 0.5 --batch-size 64 --epochs 5 --noise-start 0 --lr-d 2e-4 --ema-decay 0.999"
  "clean-w0.25-b64-ema|--profile original --width 0.25 --batch-size 64 --epochs 14 --noise-start 0 --lr-d 2e-4 --ema-decay 0.999"
  "clean-w1.0-ema|--profile original --width 1.0 --epochs 4 --noise-start 0 --lr-d 2e-4 --ema-decay 0.999"
  "fast-w0.5-b64-ema|--profile original --width 0.5 --batch-size 64 --epochs 5 --noise-start 0 --lr-g 5e-4 --lr-d 5e-4 --ema-decay 0.999"
  "fast-w0.5-dw1-b64-ema|--profile original --width 0.5 --d-width 1.0 --batch-size 64 --epochs 5 --noise-start 0 --lr-g 5e-4 --lr-d 5e-4 --ema-decay 0.999"
  "fast-w0.5-b32-ema|--profile original --width 0.5 --batch-size 32 --epochs 3 --noise-start 0 --lr-g 5e-4 --lr-d 5e-4 --ema-decay 0.999"
  "fast-w0.5-b32-ema-budget|--profile original --width 0.5 --batch-size 32 --epochs 60 --noise-start 0 --lr-g 5e-4 --lr-d 5e-4 --ema-decay 0.999"
  "fast-w0.5-b64-ema-budget|--profile original --width 0.5 --batch-size 64 --epochs 60 --noise-start 0 --lr-g 5e-4 --lr-d 5e-4 --ema-decay 0.999"
  "cpu|--profile cpu"
  "cpu-cond-projection|--profile cpu --conditional --conditioning projection"
  "cpu-cond-label-maps|--profile cpu --conditional --conditioning label-maps"
  "fashion-cpu-cond|--profile cpu --conditional --dataset fashion-mnist"
  "fashion-cpu|--profile cpu --dataset fashion-mnist"
)
if [[ -n "$list" ]]; then printf '%s\n' "${grid[@]}" | sed 's/|/: /'; exit 0; fi

source scripts/lib/cli-jar.sh
jar="$cli_jar"
bash scripts/fetch-mnist.sh >/dev/null
if [[ "${grid[*]}" == *fashion-mnist* && ( -z "$only" || "$only" == *fashion* ) ]]; then
  bash scripts/fetch-fashion-mnist.sh >/dev/null
fi
mkdir -p "$out"
# a private copy of the jar and its lib/: a rebuild while the search runs cannot change it
snap=$(mktemp -d); trap 'rm -rf "$snap"' EXIT
cp "$jar" "$snap/digitgan-cli.jar"; cp -r cli/target/lib "$snap/lib"
cli() { java -jar "$snap/digitgan-cli.jar" "$@" 2> >(grep --line-buffered -v -e CudaUtils -e AutoNonVariableTypeMode >&2); }
results="$out/results.jsonl"; touch "$results"

IFS=, read -r -a seed_list <<< "$seeds"
for entry in "${grid[@]}"; do
  name="${entry%%|*}" options="${entry#*|} $extra"
  if [[ -n "$only" && ",$only," != *",$name,"* ]]; then continue; fi
  for seed in "${seed_list[@]}"; do
    if grep -q "\"candidate\":\"$name\",\"seed\":$seed," "$results"; then
      echo "== $name seed $seed: already in $results"; continue
    fi
    id="$name-s$seed"
    rm -rf "$out/runs/$id"
    echo "== $name seed $seed ($minutes min): $options"
    start=$SECONDS
    # shellcheck disable=SC2086
    cli train $options --seed "$seed" --threads "$threads" --max-minutes "$minutes" --quality-every -1 \
      --log-every 100 --out "$out/runs" --run-id "$id" | tee "$out/$id.log" >&2
    wall=$((SECONDS - start))
    epochs=$(ls -d "$out/runs/$id"/epoch-* | wc -l)
    eval_json=$(cli evaluate "$out/runs/$id" --threads "$threads" --samples 10000)
    echo "{\"candidate\":\"$name\",\"seed\":$seed,\"options\":\"$options\",\"minutes\":$minutes,\"wallSeconds\":$wall,\"epochs\":$epochs,\"evaluation\":$(echo "$eval_json" | tr -d '\n')}" >> "$results"
  done
done
java -cp "$snap/digitgan-cli.jar" io.digitgan.cli.bench.RecipeTable "$results" "data/evaluator/$evaluator/manifest.json"
