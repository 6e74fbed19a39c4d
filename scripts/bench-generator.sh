#!/usr/bin/env bash
# Generator-service load benchmark: starts the service on one checkpoint store (no Kafka needed:
# it serves the newest checkpoint on disk), drives it with 1, 8 and 64 concurrent clients for a
# single digit and a 64-digit grid, and prints requests/s and p50/p99 next to the bare DJL
# forward of the same batch. One JSON line per case.
#   scripts/bench-generator.sh <checkpoint store> [seconds=10] [connections=1,8,64]
set -euo pipefail
cd "$(dirname "$0")/.."
store="$(realpath "${1:?usage: bench-generator.sh <checkpoint store> [seconds] [connections]}")"
seconds="${2:-10}"
connections="${3:-1,8,64}"
[[ -f generator-service/target/quarkus-app/quarkus-run.jar ]] || mvn -B -q install -DskipTests >&2
newest="$(ls -d "$store"/*/epoch-* | sort -t- -k2 | tail -1)"
echo "serving the newest checkpoint in $store ($newest)" >&2
DIGITGAN_CHECKPOINTS_DIR="$store" KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 QUARKUS_LOG_LEVEL=WARN \
  java -Dai.djl.offline=true -jar generator-service/target/quarkus-app/quarkus-run.jar >/tmp/bench-generator-service.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -fs localhost:8082/q/health/ready >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs localhost:8082/q/health/ready >/dev/null || { echo "generator did not become ready" >&2; exit 1; }
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp gan-core/target/gan-core-0.1.0-SNAPSHOT.jar \
  io.digitgan.core.bench.GeneratorLoadBenchmark http://localhost:8082 "$newest" "$seconds" "$connections" 2> >(grep -v CudaUtils >&2)
