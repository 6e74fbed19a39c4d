#!/usr/bin/env bash
# The test command: installs the tools the tests need when missing (scripts/install-test-tools.sh), fetches
# MNIST and Fashion-MNIST if missing, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== tools"
bash scripts/install-test-tools.sh
echo "== MNIST and Fashion-MNIST"
bash scripts/fetch-mnist.sh
bash scripts/fetch-fashion-mnist.sh # Debian's dataset-fashion-mnist, unpacked without installing it
echo "== mvn -B verify"
mvn -B verify "$@"
