#!/usr/bin/env bash
# Runs DigitGAN locally on a real single-node Kafka: builds what is missing, fetches MNIST,
# starts the broker, the trainer (cpu profile, a generated API token), the generator and the
# dashboard, waits until each is ready and prints where to look. Ctrl-C, TERM or a closed
# terminal stops everything (services first, then Kafka), also with the output piped through tee;
# a process that exits stops the rest; running it again resumes the run from its newest
# checkpoint, rebuilding first when a source changed. What a killed launcher left, the next up or
# down stops.
#   scripts/run-local.sh [up] [--profile original|cpu|smoke] [--epochs N] [--data-dir DIR]
#                        [--conditional | --unconditional]   (default: conditional, but the report's
#                        original profile stays unconditional; see docs/BENCHMARKS.md "Asking for a digit")
#                        [--dataset mnist|fashion-mnist]     (default mnist)
#                        With none of these options an unfinished run resumes, whatever it is; with any, only
#                        a run of what was asked resumes, others are kept (the console says how to resume them).
#                        [--no-run]   the trainer starts no run (for ./digitgan sweep, or runs of its API)
#                        [--listen ADDRESS]  where the services listen (default 127.0.0.1: this machine only;
#                                     0.0.0.0 opens them to the network, reads without a token)
#   scripts/run-local.sh down [--data-dir DIR]     stops a run started elsewhere (another terminal)
#   DIGITGAN_JAVA_OPTS="..."  further options for the JVMs it starts (Kafka and the three services), e.g. -Xmx1g
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native-env.sh # glibc malloc thresholds for libtorch (see there)
root="$(pwd)"
command=up
profile=cpu
epochs=
conditional=
dataset=mnist
autostart=true
asked=false   # whether the user asked for a kind of run: then only a run of that kind resumes
listen=127.0.0.1
data="$root/data"
while (($#)); do
  case "$1" in
    up|down) command="$1"; shift ;;
    --profile) profile="$2"; asked=true; shift 2 ;;
    --epochs) epochs="$2"; asked=true; shift 2 ;;
    --conditional) conditional=true; asked=true; shift ;;
    --unconditional) conditional=false; asked=true; shift ;;
    --dataset) dataset="$2"; asked=true; shift 2 ;;
    --no-run) autostart=false; shift ;;
    --listen) listen="$2"; shift 2 ;;
    --data-dir) data="$(realpath -m "$2")"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$profile" in original|cpu|smoke) ;; *) echo "--profile must be original, cpu or smoke" >&2; exit 2 ;; esac
case "$dataset" in mnist|fashion-mnist) ;; *) echo "--dataset must be mnist or fashion-mnist" >&2; exit 2 ;; esac
# a conditional model reads better sooner and serves digit= directly (measured: docs/BENCHMARKS.md)
[[ -n "$conditional" ]] || { [[ "$profile" == original ]] && conditional=false || conditional=true; }
[[ -z "$epochs" || "$epochs" =~ ^[1-9][0-9]*$ ]] || { echo "--epochs must be a positive number" >&2; exit 2; }
mkdir -p "$data/logs" "$data/run"

# Whether pid runs a command line matching the pattern: ours, not a reused pid.
runs() { tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qE "$2"; }
ours() { runs "$1" 'quarkus-run\.jar|io\.digitgan\.kafka\.LocalKafka'; }   # Kafka and the three services
launcher_alive() { [[ -f "$data/run/run-local.pid" ]] && runs "$(cat "$data/run/run-local.pid")" run-local.sh; }

# TERM, up to 30 s to finish, then KILL.
stop_pid() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$1" 2>/dev/null || true
}

# Stops what a launcher left (killed with SIGKILL, or a run of another terminal): the services
# side by side, then Kafka (the first line).
stop_leftovers() {
  [[ -f "$data/run/pids" ]] || return 0
  local stoppers=() kafka
  kafka="$(head -n 1 "$data/run/pids")"
  for pid in $(tail -n +2 "$data/run/pids"); do
    if ours "$pid"; then stop_pid "$pid" & stoppers+=($!); fi
  done
  ((${#stoppers[@]} == 0)) || wait "${stoppers[@]}"
  if [[ -n "$kafka" ]] && ours "$kafka"; then stop_pid "$kafka"; fi
  rm -f "$data/run/pids"
}

if [[ "$command" == down ]]; then
  # the running launcher stops its services, then Kafka; leftovers of a killed one go the same way
  if launcher_alive; then
    script_pid="$(cat "$data/run/run-local.pid")"
    kill -TERM "$script_pid"
    for _ in $(seq 120); do kill -0 "$script_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  stop_leftovers
  rm -f "$data/run/run-local.pid"
  echo "DigitGAN is stopped."
  exit 0
fi
if launcher_alive; then
  echo "DigitGAN is already running (launcher pid $(cat "$data/run/run-local.pid"), data in $data):" \
    "open http://localhost:8080, or stop it with ./digitgan down${data:+ --data-dir $data}" >&2
  exit 1
fi
if [[ -s "$data/run/pids" ]]; then
  echo "a previous run's launcher was killed and left processes behind: stopping them ..."
  stop_leftovers
fi
echo $$ > "$data/run/run-local.pid"
: > "$data/run/pids"

# Build when a jar is missing or older than a source or pom: after an edit, up runs the new code.
source scripts/lib/stale-build.sh
if why="$(needs_build)"; then
  echo "building: $why ..."
  mvn -B -q install -DskipTests
  touch "${run_artifacts[@]}"   # Maven leaves an unchanged classpath file as it was
fi
bash scripts/fetch-mnist.sh "$data/mnist"
[[ "$dataset" == mnist ]] || bash scripts/fetch-fashion-mnist.sh "$data/fashion-mnist"

for port in 9092 8080 8081 8082; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken: stop what uses it (ss -ltnp | grep :$port) and try again" >&2; exit 1
  fi
done

pids=()
names=()
say() { echo "$@" 2>/dev/null || true; }   # the terminal's pipe (tee, less) may be gone already
stop_all() {
  trap - INT TERM HUP EXIT
  trap '' PIPE   # a Ctrl-C also ends the reader of our output: writing must not end us before the services
  set +e
  say; say "stopping ..."
  # the services side by side, the broker last: a service stopping still hands its last events
  # to Kafka, and a broker gone first leaves consumers waiting out a timeout
  local stoppers=()
  for ((i=${#pids[@]}-1; i>=1; i--)); do stop_pid "${pids[i]}" & stoppers+=($!); done
  ((${#stoppers[@]} == 0)) || wait "${stoppers[@]}"
  ((${#pids[@]} == 0)) || stop_pid "${pids[0]}"
  rm -f "$data/run/pids" "$data/run/run-local.pid"
  say "stopped."
}
# after a signal the launcher ends as a shell ended by it would (128 + its number), not back in the supervising loop
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
trap stop_all EXIT

prefixed() { sed -u "s/^/[$1] /"; }
# further options for the four JVMs, e.g. -Xmx1g (the tests give C1 only: short runs, less CPU)
java_opts="${DIGITGAN_JAVA_OPTS:-}"

echo "starting Kafka on 127.0.0.1:9092 (data in $data/kafka) ..."
: > "$data/logs/kafka.log"   # the last run's "Kafka ready" must not count: tee may truncate after the first look
setsid java $java_opts -cp "$(cat kafka-local/target/classpath.txt):kafka-local/target/kafka-local-0.1.0-SNAPSHOT.jar" \
  io.digitgan.kafka.LocalKafka --port 9092 --data-dir "$data/kafka" \
  > >(tee "$data/logs/kafka.log" | prefixed kafka) 2>&1 &
pids+=($!); names+=(kafka); echo $! >> "$data/run/pids"
for _ in $(seq 120); do
  grep -q "Kafka ready" "$data/logs/kafka.log" 2>/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || break
  sleep 0.5
done
grep -q "Kafka ready" "$data/logs/kafka.log" || { echo "Kafka did not start: see $data/logs/kafka.log" >&2; exit 1; }

wait_ready() { # name pid port [path]
  for _ in $(seq 240); do
    curl -fs "localhost:$3${4:-/q/health/ready}" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "$1 exited while starting: see $data/logs/$1.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$1 did not become ready: see $data/logs/$1.log" >&2; exit 1
}

token_file="$data/trainer-token"
# the operator's token: readable by this user only (it allows starting, stopping and pinning)
[[ -f "$token_file" ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$token_file")
chmod 600 "$token_file"
token="$(cat "$token_file")"
# the HTTP services listen on this machine only unless --listen says otherwise (Kafka always does)
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 DIGITGAN_CHECKPOINTS_DIR="$data/checkpoints" QUARKUS_HTTP_HOST="$listen"
[[ "$listen" == 127.0.0.1 || "$listen" == localhost ]] \
  || echo "listening on $listen: the dashboard and the generator answer anyone who reaches this machine" >&2

what="profile $profile, $([[ $conditional == true ]] && echo conditional || echo unconditional), $dataset${epochs:+, $epochs epoch$([[ $epochs == 1 ]] || echo s)}"
# asked for nothing: the unfinished run resumes, whatever it is; asked: only a run of that kind does (others are kept)
if [[ $asked == true ]]; then resume=matching; else resume=any; fi
echo "starting trainer-service on http://localhost:8081 ($([[ $asked == true ]] && echo "$what" || echo "resumes an unfinished run, else $what")) ..."
# env, not bare assignments: an optional ${epochs:+...} word would end the assignments and become the command
env DIGITGAN_TRAINER_API_TOKEN="$token" DIGITGAN_TRAINING_AUTOSTART="$autostart" DIGITGAN_TRAINING_PROFILE="$profile" \
  DIGITGAN_TRAINING_RESUME="$resume" \
  DIGITGAN_MODEL_CONDITIONAL="$conditional" DIGITGAN_DATA_DATASET="$dataset" \
  DIGITGAN_DATA_DIR="$data/mnist" DIGITGAN_DATA_FASHION_MNIST_DIR="$data/fashion-mnist" DIGITGAN_QUALITY_EVALUATOR_DIR="${DIGITGAN_QUALITY_EVALUATOR_DIR:-$data/evaluator}" \
  ${epochs:+DIGITGAN_TRAINING_EPOCHS=$epochs} \
  setsid java $java_opts -Dai.djl.offline=true -jar trainer-service/target/quarkus-app/quarkus-run.jar \
  > >(tee "$data/logs/trainer.log" | prefixed trainer) 2>&1 &
pids+=($!); names+=(trainer); echo $! >> "$data/run/pids"

echo "starting generator-service on http://localhost:8082 ..."
DIGITGAN_GENERATOR_API_TOKEN="$token" \
  setsid java $java_opts -Dai.djl.offline=true -jar generator-service/target/quarkus-app/quarkus-run.jar \
  > >(tee "$data/logs/generator.log" | prefixed generator) 2>&1 &
pids+=($!); names+=(generator); echo $! >> "$data/run/pids"

echo "starting dashboard-service on http://localhost:8080 ..."
DIGITGAN_DASHBOARD_GENERATOR_URL=http://localhost:8082 \
  setsid java $java_opts -jar dashboard-service/target/quarkus-app/quarkus-run.jar \
  > >(tee "$data/logs/dashboard.log" | prefixed dashboard) 2>&1 &
pids+=($!); names+=(dashboard); echo $! >> "$data/run/pids"
# the three start side by side (none needs another to start): about 20 s on 2 cores, not 31 one after another
wait_ready trainer "${pids[1]}" 8081
wait_ready generator "${pids[2]}" 8082 /q/health/live   # live: it is ready only once a checkpoint exists
wait_ready dashboard "${pids[3]}" 8080

cat <<MSG

DigitGAN is running.
  dashboard     http://localhost:8080
  generator     http://localhost:8082/api/v1/digits.png?count=64&scale=2   (ready after the first checkpoint)
  trainer API   http://localhost:8081/api/v1/runs      (token: $token)
  checkpoints   $data/checkpoints     logs: $data/logs/
Press Ctrl-C to stop; run this again to resume from the newest checkpoint.

MSG
# Supervise: a process that exits ends the run (the rest is stopped: a half system only misleads).
while true; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[i]}" 2>/dev/null; then
      code=0; wait "${pids[i]}" 2>/dev/null || code=$?
      say "${names[i]} exited (status $code): see $data/logs/${names[i]}.log; stopping the rest" >&2
      exit 1
    fi
  done
  sleep 1
done
