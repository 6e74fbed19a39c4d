#!/usr/bin/env bash
# The test command: installs the tools the tests need when missing (scripts/install-test-tools.sh), fetches
# MNIST and Fashion-MNIST if missing, then builds every module and runs every test.
#
# Two Maven runs: the first builds and installs every module without testing (the services' runnable jars
# included, which the dashboard's browser tests and the end-to-end tests start as processes); the second
# runs the tests alone (surefire:test), one module per core at a time. Built first, the end-to-end tier
# waits only for gan-core's tests, not for the services' (it needs their jars), and no jar is rebuilt while
# a test runs it. On 2 cores the tests keep both busy, where one module after another left a third idle.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== tools"
bash scripts/install-test-tools.sh
echo "== MNIST and Fashion-MNIST"
bash scripts/fetch-mnist.sh
bash scripts/fetch-fashion-mnist.sh # Debian's dataset-fashion-mnist, unpacked without installing it
echo "== build: mvn -B -T 1C install -DskipTests"
mvn -B -T 1C install -DskipTests "$@"
echo "== tests: mvn -B -T 1C surefire:test"
mvn -B -T 1C surefire:test -Dtests.side-by-side "$@"
