#!/usr/bin/env bash
# Runs a sweep on the local stack (./digitgan up): every entry of the sweep file, one after another
# (or N at a time), each a trainer in run-to-completion mode (the process a k8s/sweep Job pod runs)
# on the stack's Kafka and checkpoint store, so every run shows live on the dashboard and the
# generator can pin it. Ctrl-C stops the runs after their current step; running the same command
# again skips the completed runs and resumes the others from their newest checkpoints.
#   scripts/sweep.sh <sweep file> [--parallel N] [--data-dir DIR] [--list]
#     --list   check the sweep and print its runs; train nothing
#   DIGITGAN_JAVA_OPTS="..."  further options for the trainers' JVMs, as for scripts/run-local.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh
root="$(pwd)"
file=
parallel=1
data="$root/data"
list=false
while (($#)); do
  case "$1" in
    --parallel) parallel="$2"; shift 2 ;;
    --data-dir) data="$(realpath -m "$2")"; shift 2 ;;
    --list) list=true; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) [[ -z "$file" ]] || { echo "one sweep file, not '$file' and '$1'" >&2; exit 2; }; file="$1"; shift ;;
  esac
done
[[ -n "$file" ]] || { echo "usage: ./digitgan sweep <sweep file> [--parallel N] [--data-dir DIR] [--list]" >&2; exit 2; }
[[ -f "$file" ]] || { echo "no sweep file $file" >&2; exit 2; }
[[ "$parallel" =~ ^[1-9][0-9]*$ ]] || { echo "--parallel must be a positive number" >&2; exit 2; }
file="$(realpath "$file")"

source scripts/lib/cli-jar.sh
# the same expansion the trainers run: a bad entry or field stops here, before anything trains
runs="$(java -jar "$cli_jar" sweep "$file")" || exit 2
if [[ "$list" == true ]]; then echo "$runs"; exit 0; fi
mapfile -t ids < <(awk '{print $2}' <<<"$runs")
total=${#ids[@]}

kafka="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}"   # the stack's broker (tests give their own)
if ! (exec 3<>"/dev/tcp/${kafka%%:*}/${kafka##*:}") 2>/dev/null; then
  echo "the local stack is not running: start it first (./digitgan up, or ./digitgan up --no-run so that its own" \
    "trainer stays idle), then run the sweep" >&2
  exit 2
fi
[[ -f trainer-service/target/quarkus-app/quarkus-run.jar ]] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 2; }
mkdir -p "$data/logs"
threads=$(( $(nproc) / parallel )); ((threads >= 1)) || threads=1

status_of() { # run id -> its status in run.json, or "new"
  local f="$data/checkpoints/$1/run.json"
  [[ -f "$f" ]] && sed -n 's/^ *"status" *: *"\([A-Z]*\)".*/\1/p' "$f" | head -1 || echo new
}

declare -A running=()   # pid -> index
stopping=false
stop_all() {
  stopping=true
  trap - INT TERM HUP
  echo; echo "stopping ${#running[@]} run(s) after their current step ..."
  for pid in "${!running[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${!running[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped. Run the same command again to resume: ./digitgan sweep $file$( ((parallel > 1)) && echo " --parallel $parallel")"
  exit 130
}
trap stop_all INT TERM HUP

started_at=$(date +%s)
finished=0
failed=0
declare -A run_started # pid -> when its run began
reap() { # waits for one run to end and reports it
  local pid code
  while true; do
    for pid in "${!running[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        code=0; wait "$pid" 2>/dev/null || code=$?
        local i=${running[$pid]}
        unset "running[$pid]"
        finished=$((finished + 1))
        ((code == 0)) || failed=$((failed + 1))
        echo "[$finished/$total] ${ids[i]} $(status_of "${ids[i]}") (exit $code) after $(( ($(date +%s) - run_started[$pid]) / 60 )) min;" \
          "log: $data/logs/sweep-${ids[i]}.log"
        return
      fi
    done
    sleep 1
  done
}

echo "sweep $(basename "$file"): $total runs, $parallel at a time ($threads threads each), checkpoints in $data/checkpoints"
for i in "${!ids[@]}"; do
  if [[ "$(status_of "${ids[i]}")" == COMPLETED ]]; then
    finished=$((finished + 1)); echo "[$finished/$total] ${ids[i]} COMPLETED before: skipped"; continue
  fi
  while ((${#running[@]} >= parallel)); do reap; done
  $stopping && break
  what="$(sed -n "$((i + 1))p" <<<"$runs" | sed 's/^ *[0-9]* *[^ ]* *//')"
  echo "        ${ids[i]} $([[ "$(status_of "${ids[i]}")" == new ]] && echo starting || echo resuming): $what"
  env DIGITGAN_SWEEP_FILE="$file" DIGITGAN_SWEEP_INDEX="$i" QUARKUS_HTTP_PORT=0 \
    KAFKA_BOOTSTRAP_SERVERS="$kafka" DIGITGAN_CHECKPOINTS_DIR="$data/checkpoints" \
    DIGITGAN_DATA_DIR="$data/mnist" DIGITGAN_DATA_FASHION_MNIST_DIR="$data/fashion-mnist" \
    DIGITGAN_QUALITY_EVALUATOR_DIR="${DIGITGAN_QUALITY_EVALUATOR_DIR:-$data/evaluator}" DIGITGAN_TRAINING_THREADS="$threads" \
    java ${DIGITGAN_JAVA_OPTS:-} -Dai.djl.offline=true -jar trainer-service/target/quarkus-app/quarkus-run.jar \
    > "$data/logs/sweep-${ids[i]}.log" 2>&1 &
  running[$!]=$i
  run_started[$!]=$(date +%s)
done
while ((${#running[@]} > 0)); do reap; done
echo "sweep done: $total runs, $failed failed, in $(( ($(date +%s) - started_at) / 60 )) min; compare them on the dashboard" \
  "(http://localhost:8080, Compare)"
((failed == 0))
