#!/usr/bin/env bash
# What asking for a digit costs: the generator-service serves digit= from a conditional model
# (one forward pass) and from an unconditional one by rejection sampling (forward passes and the
# evaluator until enough candidates read as the digit). Each checkpoint in turn is copied into a
# private store and the service starts on it (no Kafka needed, it serves the store's newest); for every
# digit and count, N requests with distinct seeds, timed with curl. One JSON line per model, digit
# and count (median ms, median tries), then one summary line per count: median over the digits of
# each model and their ratio.
#   scripts/bench-digit-sampling.sh <conditional checkpoint> <unconditional checkpoint> [requests=10] [counts=1,16]
set -euo pipefail
cd "$(dirname "$0")/.."
conditional="$(realpath "${1:?usage: bench-digit-sampling.sh <conditional checkpoint> <unconditional checkpoint> [requests] [counts]}")"
unconditional="$(realpath "${2:?usage: bench-digit-sampling.sh <conditional checkpoint> <unconditional checkpoint> [requests] [counts]}")"
requests="${3:-10}"
IFS=, read -r -a counts <<< "${4:-1,16}"
port=18083 base="http://localhost:18083"
[[ -f generator-service/target/quarkus-app/quarkus-run.jar ]] || mvn -B -q install -DskipTests >&2
store="$(mktemp -d)"
pid=
stop_service() { if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; pid=; }
trap 'stop_service; rm -rf "$store"' EXIT
# serves the newest checkpoint of a store that holds only this one (pins need an announcement on Kafka)
start_service() { # checkpoint folder
  stop_service
  rm -rf "${store:?}"/* && mkdir -p "$store/run" && cp -r "$1" "$store/run/$(basename "$1")"
  DIGITGAN_CHECKPOINTS_DIR="$store" QUARKUS_HTTP_PORT=$port KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 QUARKUS_LOG_LEVEL=WARN \
    java -Dai.djl.offline=true -jar generator-service/target/quarkus-app/quarkus-run.jar >/tmp/bench-digit-sampling.log 2>&1 &
  pid=$!
  for _ in $(seq 90); do curl -fs "$base/q/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  echo "the generator did not become ready: /tmp/bench-digit-sampling.log" >&2
  exit 1
}
echo "conditional: $conditional; unconditional: $unconditional; $(nproc) cores; $requests requests per digit and count" >&2

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "null"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
lines=""
for kind in conditional unconditional; do
  start_service "${!kind}"
  curl -fs "$base/api/v1/digits.png?count=16&digit=0&seed=1" -o /dev/null || true # warm-up (the evaluator loads on first use)
  for count in "${counts[@]}"; do
    for digit in 0 1 2 3 4 5 6 7 8 9; do
      times="" tries="" failed=0
      for r in $(seq "$requests"); do
        out=$(curl -s -o /dev/null -D - -w 'time=%{time_total} status=%{http_code}\n' \
          "$base/api/v1/digits.png?count=$count&digit=$digit&seed=$((digit * 100000 + r * 1000))")
        [[ "$out" == *"status=200"* ]] || failed=$((failed + 1))
        times+="$(sed -n 's/.*time=\([0-9.]*\).*/\1/p' <<<"$out" | awk '{ printf "%.2f", $1 * 1000 }')"$'\n'
        tries+="$(tr -d '\r' <<<"$out" | awk -F': ' 'tolower($1) == "x-digit-tries" { print $2 }')"$'\n'
      done
      ms=$( (grep -v "^$" <<<"$times" || true) | median)
      t=$( (grep -v "^$" <<<"$tries" || true) | median)
      line="{\"bench\":\"digit-sampling\",\"model\":\"$kind\",\"digit\":$digit,\"count\":$count,\"requests\":$requests,\"medianMs\":$ms,\"medianTries\":$t,\"failed\":$failed}"
      echo "$line"; lines+="$line"$'\n'
    done
  done
done
for count in "${counts[@]}"; do
  c=$(grep "\"model\":\"conditional\",.*\"count\":$count," <<<"$lines" | sed -E 's/.*"medianMs":([0-9.]+).*/\1/' | median)
  u=$(grep "\"model\":\"unconditional\",.*\"count\":$count," <<<"$lines" | sed -E 's/.*"medianMs":([0-9.]+).*/\1/' | median)
  ut=$(grep "\"model\":\"unconditional\",.*\"count\":$count," <<<"$lines" | sed -E 's/.*"medianTries":([0-9.]+).*/\1/' | median)
  echo "{\"bench\":\"digit-sampling-summary\",\"count\":$count,\"conditionalMs\":$c,\"rejectionMs\":$u,\"rejectionTries\":$ut,\"rejectionOverConditional\":$(awk -v a="$u" -v b="$c" 'BEGIN { printf "%.1f", a / b }')}"
done
