#!/usr/bin/env bash
# FID-MNIST, MNIST score and class coverage of a checkpoint, beside the real-data floor: JSON on
# stdout, a one-line summary on stderr. Trains the evaluator first if it is missing.
#   scripts/evaluate.sh data/checkpoints/<run>/epoch-0005 [--samples 10000] [--seed 1]
#   scripts/evaluate.sh data/checkpoints/<run>          (its newest checkpoint)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 ]]; then
  echo "usage: scripts/evaluate.sh <checkpoint or run folder> [options] (--help for the options)" >&2
  exit 2
fi
source scripts/lib/cli-jar.sh
jar="$cli_jar"
bash scripts/fetch-mnist.sh >&2
exec java -jar "$jar" evaluate "$@" 2> >(grep --line-buffered -v CudaUtils >&2)
