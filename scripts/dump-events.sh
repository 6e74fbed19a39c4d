#!/usr/bin/env bash
# Prints every event on DigitGAN's topics (or the topics named), from the beginning:
#   scripts/dump-events.sh [--bootstrap-servers HOST:PORT] [topic ...]   (--help: the options)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f kafka-local/target/classpath.txt ]] || mvn -B -q install -DskipTests -pl kafka-local -am >&2
exec java -cp "$(cat kafka-local/target/classpath.txt):kafka-local/target/kafka-local-0.1.0-SNAPSHOT.jar" \
  io.digitgan.kafka.TopicDump "$@"
