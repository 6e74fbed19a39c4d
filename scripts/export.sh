#!/usr/bin/env bash
# Exports a checkpoint's generator as safetensors + config.json (for PyTorch: reference/digitgan_generator.py):
# builds the command line if needed, then runs `export` with your arguments (see --help).
#   scripts/export.sh data/checkpoints/<run> [--out DIR] [--weights ema|raw]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/cli-jar.sh
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=off -jar "$cli_jar" export "$@"
