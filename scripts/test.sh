#!/usr/bin/env bash
# The test command: fetches MNIST and Fashion-MNIST if missing, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fetch-mnist.sh
bash scripts/fetch-fashion-mnist.sh
mvn -B verify "$@"
