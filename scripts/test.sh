#!/usr/bin/env bash
# The test command: fetches MNIST if missing, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fetch-mnist.sh
mvn -B verify "$@"
