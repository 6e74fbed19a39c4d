#!/usr/bin/env bash
# Trains the GAN from the command line: builds gan-core if needed, fetches MNIST if missing,
# then runs `train` with your options (see --help). Example: scripts/train.sh --profile cpu
set -euo pipefail
cd "$(dirname "$0")/.."
jar=gan-core/target/gan-core-0.1.0-SNAPSHOT.jar
if [[ ! -f "$jar" ]]; then
  echo "building gan-core ..."
  mvn -B -q -pl gan-core -am package -DskipTests
fi
bash scripts/fetch-mnist.sh
exec java -jar "$jar" train "$@"
