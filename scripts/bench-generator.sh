#!/usr/bin/env bash
# Generator-service load benchmark, open loop: wrk sends Poisson arrivals at fixed rates
# (scripts/lib/open-loop.lua) for single digits and 64-digit grids, with dynamic batching on (the
# defaults) and off (max-batch 0: every request its own forward pass), the service serving the
# newest checkpoint of a store (no Kafka needed). First the bare forward pass of that checkpoint.
# One JSON line per point (latency percentiles, achieved rate, mean requests per forward pass),
# then per mode and endpoint the highest rate whose p99 stayed under 50 and 100 ms in every
# repetition, and a closed-loop line: 8 connections asking for 64-grids, ms per request.
#   scripts/bench-generator.sh <checkpoint store> [seconds per point=8] [repetitions=3] [SETTING=value ...]
# SETTINGs (environment variables of the service, e.g. DIGITGAN_GENERATOR_PREDICTORS=1) apply to both
# modes; BENCH_MODES ("batched alone"), BENCH_SINGLE_RATES and BENCH_GRID_RATES narrow the sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
store="$(realpath "${1:?usage: bench-generator.sh <checkpoint store> [seconds] [repetitions]}")"
seconds="${2:-8}"
reps="${3:-3}"
settings=("${@:4}")
port=18082
base="http://localhost:$port"
command -v wrk >/dev/null || { echo "bench-generator.sh needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }
[[ -f generator-service/target/quarkus-app/quarkus-run.jar ]] || mvn -B -q install -DskipTests >&2
newest="$(ls -d "$store"/*/epoch-* | sort -t- -k2 | tail -1)"
echo "checkpoint: $newest; $(nproc) cores; wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)" >&2

for threads in 1 2; do
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp cli/target/digitgan-cli-0.1.0-SNAPSHOT.jar \
    io.digitgan.cli.bench.ForwardBenchmark "$newest" "$threads" 1,4,16,64 2> >(grep -v CudaUtils >&2)
done

pid=
stop_service() { if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; pid=; }
trap stop_service EXIT
start_service() { # env settings...
  env ${settings[@]+"${settings[@]}"} "$@" DIGITGAN_CHECKPOINTS_DIR="$store" QUARKUS_HTTP_PORT=$port KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
    QUARKUS_LOG_LEVEL=WARN java -Dai.djl.offline=true -jar generator-service/target/quarkus-app/quarkus-run.jar \
    >/tmp/bench-generator-service.log 2>&1 &
  pid=$!
  for _ in $(seq 60); do curl -fs "$base/q/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  echo "the generator did not become ready (no checkpoint in $store?): /tmp/bench-generator-service.log" >&2
  exit 1
}
metric() { curl -fs "$base/q/metrics" | awk -v n="$1" '$1 == n { print $2 }'; }
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$2"; }

# point <mode> <endpoint> <rate> <rep> <path> [random-seed]
point() {
  local sum0 count0 line
  sum0=$(metric digitgan_generator_batch_requests_sum); count0=$(metric digitgan_generator_batch_requests_count)
  line=$(wrk -t1 -c$(($3 / 10 + 16)) -d"${seconds}s" --timeout 10s -s scripts/lib/open-loop.lua "$base$5" -- "$3" ${6:-} | tail -1)
  local per_forward
  per_forward=$(awk -v s0="$sum0" -v c0="$count0" -v s1="$(metric digitgan_generator_batch_requests_sum)" \
    -v c1="$(metric digitgan_generator_batch_requests_count)" 'BEGIN { printf "%.1f", (c1 > c0 ? (s1 - s0) / (c1 - c0) : 0) }')
  echo "{\"bench\":\"open-loop\",\"mode\":\"$1\",\"endpoint\":\"$2\",\"rate\":$3,\"rep\":$4,\"requestsPerForward\":$per_forward,${line#\{}"
  sleep 2 # let a backlog drain before the next point
}

# A rate passes a bound when every repetition kept p99 under it with no errors and the schedule
# held (at most 1 % of the sends late: a saturated service keeps the connections busy). The
# achieved rate is printed, not judged: over a few seconds a Poisson count varies by several %.
passes() { # <bound ms> <lines>
  awk -v bound="$1" '
    { p99 = $0; sub(/.*"p99Ms":/, "", p99); sub(/,.*/, "", p99)
      bad = $0; sub(/.*"non2xx":/, "", bad); sub(/,.*/, "", bad)
      err = $0; sub(/.*"socketErrors":/, "", err); sub(/,.*/, "", err)
      late = $0; sub(/.*"lateShare":/, "", late); sub(/[,}].*/, "", late)
      if (!(p99 + 0 < bound + 0 && bad + 0 == 0 && err + 0 == 0 && late + 0 < 0.01)) ok = 0 }
    BEGIN { ok = 1 } END { exit ok ? 0 : 1 }' <<<"$2"
}

# sweep <mode> <endpoint> <path> <extra> <rates...>: stops after a rate whose p99 passed 1 s
sweep() {
  local mode=$1 endpoint=$2 path=$3 extra=$4 best50=0 best100=0 rate rep lines
  shift 4
  for rate in "$@"; do
    lines=
    for rep in $(seq "$reps"); do
      lines+="$(point "$mode" "$endpoint" "$rate" "$rep" "$path" "$extra")"$'\n'
    done
    printf '%s' "$lines"
    lines="${lines%$'\n'}"
    passes 50 "$lines" && best50=$rate
    passes 100 "$lines" && best100=$rate
    passes 1000 "$lines" || break
  done
  echo "{\"bench\":\"open-loop-summary\",\"mode\":\"$mode\",\"endpoint\":\"$endpoint\",\"highestRateP99Under50Ms\":$best50,\"highestRateP99Under100Ms\":$best100}"
}

closed_grid() { # 8 connections, one request after another each
  local out rps
  out=$(wrk -t1 -c8 -d"${seconds}s" --timeout 10s "$base/api/v1/digits.png?count=64&seed=1")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  echo "{\"bench\":\"closed-loop\",\"mode\":\"$1\",\"endpoint\":\"grid64\",\"connections\":8,\"requestsPerSecond\":$rps,\"msPerRequest\":$(awk -v r="$rps" 'BEGIN { printf "%.2f", 1000 / r }')}"
}

for mode in ${BENCH_MODES:-batched alone}; do
  echo "$mode: ${settings[*]:-default settings}" >&2
  if [[ $mode == batched ]]; then start_service; else start_service DIGITGAN_GENERATOR_BATCHING_MAX_BATCH=0; fi
  echo "$mode: warming up (JIT) for 30 s" >&2
  wrk -t1 -c66 -d25s -s scripts/lib/open-loop.lua "$base/api/v1/digits/1.png" -- 500 random-seed >/dev/null
  wrk -t1 -c8 -d5s "$base/api/v1/digits.png?count=64&seed=1" >/dev/null
  if [[ $mode == batched ]]; then
    sweep $mode single "/api/v1/digits/1.png" random-seed ${BENCH_SINGLE_RATES:-250 500 1000 1500 2000 2500 3000 3500}
  else
    sweep $mode single "/api/v1/digits/1.png" random-seed ${BENCH_SINGLE_RATES:-100 200 300 500 750 1000 1500}
  fi
  sweep $mode grid64 "/api/v1/digits.png?count=64" "" ${BENCH_GRID_RATES:-10 20 30 40 60 80 100 120}
  for rep in $(seq "$reps"); do closed_grid $mode; done
  stop_service
done
