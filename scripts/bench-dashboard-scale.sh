#!/usr/bin/env bash
# The dashboard at scale: N synthetic runs of a realistic size (scripts/lib/ScaleEvents.java: a
# cpu-profile run of 6 epochs, ~0.4 MB of events) on a real local broker, then a fresh dashboard.
# Prints one JSON line: time from the dashboard's start to ready (its history check: the topics
# replayed), its heap after a full GC, the run list's latency (GET /api/v1/runs?limit=50, as the
# page asks, p50 and p99 of 200 requests one after another) and the time to open one run
# (GET /api/v1/runs/{id}, what the page loads for its charts: 20 runs never opened before, each read
# from the topics then; p50 and max).
#   scripts/bench-dashboard-scale.sh [runs=1000] [dashboard JVM options=-Xmx1g]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000}"
jvm="${2:--Xmx1g}"
kafka_port=19092
port=18080
base="http://127.0.0.1:$port"
work="$(mktemp -d /tmp/dashboard-scale.XXXXXX)"
[[ -f dashboard-service/target/quarkus-app/quarkus-run.jar && -f kafka-local/target/classpath.txt ]] \
  || mvn -B -q install -DskipTests >&2
cp="$(cat kafka-local/target/classpath.txt):kafka-local/target/kafka-local-0.1.0-SNAPSHOT.jar"
cp+=":gan-events/target/gan-events-0.1.0-SNAPSHOT.jar"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

java -cp "$cp" io.digitgan.kafka.LocalKafka --port "$kafka_port" --data-dir "$work/kafka" >"$work/kafka.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do grep -q "ready" "$work/kafka.log" 2>/dev/null && break; sleep 1; done
echo "broker on 127.0.0.1:$kafka_port; writing $runs runs ..." >&2
java -cp "$cp" scripts/lib/ScaleEvents.java "127.0.0.1:$kafka_port" "$runs" docs/samples/cpu-epoch1.png

echo "starting the dashboard ($jvm) ..." >&2
start=$(date +%s.%N)
KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" QUARKUS_HTTP_PORT=$port QUARKUS_LOG_LEVEL=WARN \
  QUARKUS_LOG_CATEGORY__IO_DIGITGAN__LEVEL=INFO DIGITGAN_DASHBOARD_GENERATOR_URL=http://127.0.0.1:1 \
  java $jvm -jar dashboard-service/target/quarkus-app/quarkus-run.jar >"$work/dashboard.log" 2>&1 &
dashboard=$!
pids+=($dashboard)
until curl -fs -o /dev/null "$base/q/health/ready"; do
  kill -0 "$dashboard" 2>/dev/null || { tail -20 "$work/dashboard.log" >&2; exit 1; }
  sleep 0.2
done
ready=$(echo "$(date +%s.%N) - $start" | bc)
listed=$(curl -fsI "$base/api/v1/runs?limit=1" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-total-count" { print $2 }')
[[ "$listed" == "$runs" ]] || echo "warning: ready with $listed of $runs runs listed" >&2

jcmd "$dashboard" GC.run >/dev/null
heap_kb=$(jcmd "$dashboard" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }' | tr -d 'K,')

timings() { # <count> <url>: seconds per request, sorted
  for _ in $(seq "$1"); do curl -fs -o /dev/null -w '%{time_total}\n' "$2"; done | sort -n
}
pct() { awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.1f", v[i] * 1000 }'; }
timings 20 "$base/api/v1/runs?limit=50" >/dev/null # warm-up
list=$(timings 200 "$base/api/v1/runs?limit=50")
# 20 runs never opened before, spread over the history: each one read from the topics
one=$(for i in $(seq 0 19); do
  curl -fs -o /dev/null -w '%{time_total}\n' "$base/api/v1/runs/scale-$(printf %05d $((i * runs / 20 + runs / 40)))"
done | sort -n)
printf '{"bench":"dashboard-scale","runs":%d,"jvm":"%s","readySeconds":%.1f,"listed":%s,"heapAfterGcMB":%.0f,' \
  "$runs" "$jvm" "$ready" "${listed:-0}" "$(echo "${heap_kb:-0} / 1024" | bc -l)"
printf '"runListP50Ms":%s,"runListP99Ms":%s,"openRunP50Ms":%s,"openRunMaxMs":%s}\n' \
  "$(pct 50 <<<"$list")" "$(pct 99 <<<"$list")" "$(pct 50 <<<"$one")" "$(pct 100 <<<"$one")"
grep -h "history replayed" "$work/dashboard.log" >&2 || true
