#!/usr/bin/env bash
# Trains the MNIST evaluator behind FID-MNIST, the MNIST score and class coverage (a few minutes on
# 2 cores, with progress lines), into data/evaluator/<version>/ unless one is there. Options: see
#   scripts/train-evaluator.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/cli-jar.sh
jar="$cli_jar"
bash scripts/fetch-mnist.sh
exec java -jar "$jar" train-evaluator "$@" 2> >(grep --line-buffered -v CudaUtils >&2)
