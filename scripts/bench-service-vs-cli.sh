#!/usr/bin/env bash
# The trainer-service against the train command: the same recipe (cpu profile), seed and images,
# one epoch each, quality measurement off, one after the other on an otherwise idle machine; the
# service with a real local broker receiving its events. Prints one JSON line per repetition
# with both images/s (over the epoch, and over its second half: the steady rate) and the
# service's shares, then their medians, lowest and highest.
#   scripts/bench-service-vs-cli.sh [images=32000] [seed=1] [repetitions=2] [SETTING=value ...]
# SETTINGs are environment variables for the service only (e.g. DIGITGAN_TRAINING_THREADS=2).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh # glibc malloc thresholds for libtorch (see there)
images="${1:-32000}"
seed="${2:-1}"
reps="${3:-2}"
settings=("${@:4}")
tmp="$(mktemp -d /tmp/bench-service-vs-cli.XXXX)"
core=cli/target/digitgan-cli-0.1.0-SNAPSHOT.jar
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

# "<epoch rate> <steady rate> <median step>": images/s over the whole epoch (its "done" line), and
# over its second half, from the progress lines' running averages r at steps a and b:
# (b - a) / (b / r_b - a / r_a) steps per second, so JIT warm-up and start-up work weigh in the
# first figure only; and the epoch's median step in ms (its "done" line), which a few slow steps
# (another process waking on the shared cores) do not move.
rate() {
  local epoch steady median
  epoch=$(grep -o 'epoch 1/1 done in [0-9.]* s.*| [0-9]* img/s' "$1" | tail -1 | sed -E 's/.*\| ([0-9]+) img\/s/\1/')
  steady=$(grep -o 'step [0-9]*/[0-9]* .*| [0-9]* img/s' "$1" | sed -E 's/step ([0-9]+)\/([0-9]+) .*\| ([0-9]+) img\/s/\1 \2 \3/' |
    awk '$1 >= $2 / 2 && !a { a = $1; ra = $3 } { b = $1; rb = $3 } END { printf "%.0f", (b - a) / (b / rb - a / ra) }')
  median=$(grep -o 'epoch 1/1 done in .*median step [0-9.]* ms' "$1" | tail -1 | sed -E 's/.*median step ([0-9.]+) ms/\1/')
  echo "$epoch $steady ${median:-0}"
}

cli_run() {
  java -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=off -jar "$core" train --profile cpu --epochs 1 \
    --max-images "$images" --seed "$seed" --quality-every -1 --out "$tmp/cli-$1" >"$tmp/cli-$1.log" 2>&1
  rate "$tmp/cli-$1.log"
}

service_run() {
  env ${settings[@]+"${settings[@]}"} QUARKUS_HTTP_PORT=18081 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092 \
    DIGITGAN_TRAINER_API_TOKEN=bench DIGITGAN_CHECKPOINTS_DIR="$tmp/service-$1" DIGITGAN_QUALITY_EVERY_EPOCHS=-1 \
    java -Dai.djl.offline=true -jar trainer-service/target/quarkus-app/quarkus-run.jar >"$tmp/service-$1.log" 2>&1 &
  service_pid=$! # this function runs in a subshell of its own: the trap below is that subshell's
  trap 'kill "${service_pid:-}" 2>/dev/null || true' EXIT
  for _ in $(seq 120); do curl -fs localhost:18081/q/health/ready >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs -X POST localhost:18081/api/v1/runs -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
    -d "{\"runId\":\"bench-$1\",\"profile\":\"cpu\",\"epochs\":1,\"maxImages\":$images,\"seed\":$seed}" >/dev/null
  until curl -fs "localhost:18081/api/v1/runs/bench-$1" | grep -q '"status":"\(COMPLETED\|FAILED\)"'; do sleep 1; done
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true
  rate "$tmp/service-$1.log"
}

# The machine drifts between speeds over minutes: the two alternate which goes first, and the
# summary is the median of the per-repetition shares.
lines=()
for rep in $(seq "$reps"); do
  if (( rep % 2 )); then cli=($(cli_run "$rep")); service=($(service_run "$rep")); first=cli
  else service=($(service_run "$rep")); cli=($(cli_run "$rep")); first=service; fi
  line=$(awk -v s="${service[0]}" -v c="${cli[0]}" -v ss="${service[1]}" -v cs="${cli[1]}" -v sm="${service[2]}" \
    -v cm="${cli[2]}" -v rep="$rep" -v first="$first" \
    -v images="$images" -v seed="$seed" -v settings="${settings[*]:-}" 'BEGIN {
    printf "{\"bench\":\"service-vs-cli\",\"rep\":%d,\"first\":\"%s\",\"images\":%d,\"seed\":%d,", rep, first, images, seed
    printf "\"cliImagesPerSecond\":%d,\"serviceImagesPerSecond\":%d,\"serviceShare\":%.3f,", c, s, s / c
    printf "\"cliSteadyImagesPerSecond\":%d,\"serviceSteadyImagesPerSecond\":%d,\"steadyShare\":%.3f,", cs, ss, ss / cs
    printf "\"cliMedianStepMs\":%.1f,\"serviceMedianStepMs\":%.1f,\"stepShare\":%.3f,", cm, sm, (sm > 0 ? cm / sm : 0)
    printf "\"settings\":\"%s\"}\n", settings }')
  echo "$line"
  lines+=("$line")
done
# medians, lowest and highest of both shares over the repetitions
printf '%s\n' "${lines[@]}" | awk -v n="$reps" '
  { match($0, /"serviceShare":[0-9.]+/); e[NR] = substr($0, RSTART + 15, RLENGTH - 15) + 0
    match($0, /"steadyShare":[0-9.]+/); s[NR] = substr($0, RSTART + 14, RLENGTH - 14) + 0
    match($0, /"stepShare":[0-9.]+/); m[NR] = substr($0, RSTART + 12, RLENGTH - 12) + 0 }
  function sort(a,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } }
  function median(a) { return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { sort(e); sort(s); sort(m)
    printf "{\"bench\":\"service-vs-cli-summary\",\"repetitions\":%d,\"medianShare\":%.3f,\"minShare\":%.3f,\"maxShare\":%.3f,", n, median(e), e[1], e[n]
    printf "\"medianSteadyShare\":%.3f,\"minSteadyShare\":%.3f,\"maxSteadyShare\":%.3f,", median(s), s[1], s[n]
    printf "\"medianStepShare\":%.3f,\"minStepShare\":%.3f,\"maxStepShare\":%.3f}\n", median(m), m[1], m[n] }'
echo "logs: $tmp" >&2
