#!/bin/sh
# Creates DigitGAN's topics with their cleanup policies, if missing; waits for the broker first.
# Used by the Kubernetes Job and the docker-compose one-shot service, in the apache/kafka image.
#   create-topics.sh <bootstrap> <name>:<cleanup policy>[:<retention ms>] ...
set -eu
bootstrap="$1"; shift
topics=/opt/kafka/bin/kafka-topics.sh
tries=0
until "$topics" --bootstrap-server "$bootstrap" --list >/dev/null 2>&1; do
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
  [ -n "$retention" ] && extra="$extra --config retention.ms=$retention"
  # shellcheck disable=SC2086 # extra is a list of options without spaces
  "$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions 1 --replication-factor 1 $extra
  echo "create-topics: $name ($policy${retention:+, retention $retention ms}) ready"
done
