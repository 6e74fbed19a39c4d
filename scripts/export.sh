#!/usr/bin/env bash
# Exports a checkpoint's generator as safetensors + config.json (for PyTorch: reference/digitgan_generator.py):
# builds gan-core if needed, then runs `export` with your arguments (see --help).
#   scripts/export.sh data/checkpoints/<run> [--out DIR] [--weights ema|raw]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=gan-core/target/gan-core-0.1.0-SNAPSHOT.jar
if [[ ! -f "$jar" ]]; then
  echo "building gan-core ..."
  mvn -B -q -pl gan-core -am package -DskipTests
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=off -jar "$jar" export "$@"
