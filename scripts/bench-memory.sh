#!/usr/bin/env bash
# Native-memory check: trains 1,000 steps and prints resident memory at step 200 and step 1,000
# (and the arrays held by the model managers) as one JSON line; progress goes to stderr.
# The heap is fixed and pre-touched, so that resident memory moves only with native memory: with
# a growing heap, RSS climbs for hundreds of steps just from the garbage filling fresh heap pages.
#   scripts/bench-memory.sh [width=1.0] [steps=1000] [threads=2]     (JAVA_OPTS passes JVM options)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh # glibc malloc thresholds for libtorch (see there)
source scripts/lib/cli-jar.sh
jar="$cli_jar"
bash scripts/fetch-mnist.sh >&2
java ${JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" io.digitgan.cli.bench.MemoryBenchmark \
  "${1:-1.0}" "${2:-1000}" "${3:-2}" 2> >(grep -v CudaUtils >&2)
