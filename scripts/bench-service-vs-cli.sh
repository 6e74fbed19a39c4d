#!/usr/bin/env bash
# The trainer-service against the train command: the same recipe (cpu profile), seed and images,
# one epoch each, quality measurement off, one after the other on an otherwise idle machine; the
# service with a real local broker receiving its events. Prints one JSON line per repetition
# with both images/s (from each one's "epoch 1/1 done" log line) and the service's share, then
# the median, lowest and highest share.
#   scripts/bench-service-vs-cli.sh [images=32000] [seed=1] [repetitions=2] [SETTING=value ...]
# SETTINGs are environment variables for the service only (e.g. DIGITGAN_TRAINING_THREADS=2).
set -euo pipefail
cd "$(dirname "$0")/.."
images="${1:-32000}"
seed="${2:-1}"
reps="${3:-2}"
settings=("${@:4}")
tmp="$(mktemp -d /tmp/bench-service-vs-cli.XXXX)"
core=gan-core/target/gan-core-0.1.0-SNAPSHOT.jar
[[ -f trainer-service/target/quarkus-app/quarkus-run.jar && -f "$core" ]] || mvn -B -q install -DskipTests >&2
bash scripts/fetch-mnist.sh >&2
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java -cp "$(cat kafka-local/target/classpath.txt):kafka-local/target/kafka-local-0.1.0-SNAPSHOT.jar" \
  io.digitgan.kafka.LocalKafka --port 19092 --controller-port 19093 --data-dir "$tmp/kafka" >"$tmp/kafka.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do grep -q "Kafka ready" "$tmp/kafka.log" && break; sleep 0.5; done
grep -q "Kafka ready" "$tmp/kafka.log" || { echo "Kafka did not start: $tmp/kafka.log" >&2; exit 1; }

rate() { grep -o 'epoch 1/1 done in [0-9.]* s.*| [0-9]* img/s' "$1" | tail -1 | sed -E 's/.*\| ([0-9]+) img\/s/\1/'; }

cli_run() {
  java -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=off -jar "$core" train --profile cpu --epochs 1 \
    --max-images "$images" --seed "$seed" --quality-every -1 --out "$tmp/cli-$1" >"$tmp/cli-$1.log" 2>&1
  rate "$tmp/cli-$1.log"
}

service_run() {
  env ${settings[@]+"${settings[@]}"} QUARKUS_HTTP_PORT=18081 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092 \
    DIGITGAN_TRAINER_API_TOKEN=bench DIGITGAN_CHECKPOINTS_DIR="$tmp/service-$1" DIGITGAN_QUALITY_EVERY_EPOCHS=-1 \
    java -Dai.djl.offline=true -jar trainer-service/target/quarkus-app/quarkus-run.jar >"$tmp/service-$1.log" 2>&1 &
  local pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT # this function runs in a subshell of its own
  for _ in $(seq 120); do curl -fs localhost:18081/q/health/ready >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs -X POST localhost:18081/api/v1/runs -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
    -d "{\"runId\":\"bench-$1\",\"profile\":\"cpu\",\"epochs\":1,\"maxImages\":$images,\"seed\":$seed}" >/dev/null
  until curl -fs "localhost:18081/api/v1/runs/bench-$1" | grep -q '"status":"\(COMPLETED\|FAILED\)"'; do sleep 1; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rate "$tmp/service-$1.log"
}

# The machine drifts between speeds over minutes: the two alternate which goes first, and the
# summary is the median of the per-repetition shares.
shares=()
for rep in $(seq "$reps"); do
  if (( rep % 2 )); then cli=$(cli_run "$rep"); service=$(service_run "$rep"); first=cli
  else service=$(service_run "$rep"); cli=$(cli_run "$rep"); first=service; fi
  share=$(awk -v s="$service" -v c="$cli" 'BEGIN { printf "%.3f", s / c }')
  shares+=("$share")
  echo "{\"bench\":\"service-vs-cli\",\"rep\":$rep,\"first\":\"$first\",\"images\":$images,\"seed\":$seed,\"cliImagesPerSecond\":$cli,\"serviceImagesPerSecond\":$service,\"serviceShare\":$share,\"settings\":\"${settings[*]:-}\"}"
done
printf '%s\n' "${shares[@]}" | sort -n | awk -v n="$reps" '{ v[NR] = $1 } END {
  m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  printf "{\"bench\":\"service-vs-cli-summary\",\"repetitions\":%d,\"medianShare\":%.3f,\"minShare\":%.3f,\"maxShare\":%.3f}\n", n, m, v[1], v[n] }'
echo "logs: $tmp" >&2
