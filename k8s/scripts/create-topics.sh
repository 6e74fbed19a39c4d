#!/bin/sh
# Creates DigitGAN's topics with their cleanup policies, if missing; waits for the broker first.
# Used by the Kubernetes Job and the docker-compose one-shot service, in the apache/kafka image.
#   create-topics.sh <bootstrap> <name>:<cleanup policy>[:<retention ms>] ...
# A secured cluster: KAFKA_COMMAND_CONFIG names a client properties file (security.protocol, sasl.*).
# Topics that exist already get the policies given here (a newer version may change them).
set -eu
bootstrap="$1"; shift
topics=/opt/kafka/bin/kafka-topics.sh
configs=/opt/kafka/bin/kafka-configs.sh
auth=""
[ -n "${KAFKA_COMMAND_CONFIG:-}" ] && auth="--command-config $KAFKA_COMMAND_CONFIG"
tries=0
# shellcheck disable=SC2086 # auth is a list of options without spaces
until "$topics" --bootstrap-server "$bootstrap" $auth --list >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "create-topics: no broker at $bootstrap after 60 tries" >&2; exit 1; }
  echo "create-topics: waiting for $bootstrap ..."
  sleep 2
done
for spec in "$@"; do
  name="${spec%%:*}"; rest="${spec#*:}"
  policy="${rest%%:*}"; retention=""
  [ "$rest" != "$policy" ] && retention="${rest#*:}"
  extra="--config cleanup.policy=$policy"
  settings="cleanup.policy=$policy"
  [ -n "$retention" ] && extra="$extra --config retention.ms=$retention" && settings="$settings,retention.ms=$retention"
  # shellcheck disable=SC2086 # extra and auth are lists of options without spaces
  "$topics" --bootstrap-server "$bootstrap" $auth --create --if-not-exists --topic "$name" \
    --partitions 1 --replication-factor 1 $extra
  # shellcheck disable=SC2086
  "$configs" --bootstrap-server "$bootstrap" $auth --alter --entity-type topics --entity-name "$name" \
    --add-config "$settings" >/dev/null
  echo "create-topics: $name ($policy${retention:+, retention $retention ms}) ready"
done
