#!/usr/bin/env bash
# Runs the fault-injection tests (real processes, the real broker, real HTTP) and prints the table
# of what was injected and what held, as docs/RELIABILITY.md quotes it. Needs the jars (mvn install).
#   scripts/reliability.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f e2e-tests/target/reliability.md
mvn -B -q -o test -pl e2e-tests -Dtest='FaultInjectionTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | tail -20
echo "| date | fault | outcome |"
echo "|---|---|---|"
cat e2e-tests/target/reliability.md
