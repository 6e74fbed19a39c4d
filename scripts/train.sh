#!/usr/bin/env bash
# Trains the GAN from the command line: builds gan-core if needed, fetches MNIST if missing,
# then runs `train` with your options (see --help). Example: scripts/train.sh --profile cpu
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh # glibc malloc thresholds for libtorch (see there)
source scripts/lib/cli-jar.sh
bash scripts/fetch-mnist.sh
exec java -jar "$cli_jar" train "$@"
