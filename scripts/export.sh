#!/usr/bin/env bash
# Exports a checkpoint's generator as safetensors + config.json (for PyTorch: reference/digitgan_generator.py):
# builds gan-core if needed, then runs `export` with your arguments (see --help).
#   scripts/export.sh data/checkpoints/<run> [--out DIR] [--weights ema|raw]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/gan-core-jar.sh
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=off -jar "$gan_core_jar" export "$@"
