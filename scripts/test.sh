#!/usr/bin/env bash
# The test command: installs the tools the tests need when missing (scripts/install-test-tools.sh), fetches
# MNIST and Fashion-MNIST if missing, then builds every module and runs every test.
#
# First one Maven run builds and installs every module without testing (the services' runnable jars
# included, which the dashboard's browser tests and the end-to-end tests start as processes); then the
# tests alone run (surefire:test), one module per core at a time, and no jar is rebuilt while a test runs
# it. The end-to-end tier, the longest, runs in a Maven of its own beside the rest from the start: in one
# reactor it would wait for gan-core's tests (a module starts when those it depends on are done), though
# it needs only the jars. Its output is printed when it ends (meanwhile: tail -f e2e-tests/target/tests.log).
# With arguments (e.g. -pl gan-core) the tests run in one Maven, as asked.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== tools"
bash scripts/install-test-tools.sh
echo "== MNIST and Fashion-MNIST"
bash scripts/fetch-mnist.sh
bash scripts/fetch-fashion-mnist.sh # Debian's dataset-fashion-mnist, unpacked without installing it
echo "== build: mvn -B -T 1C install -DskipTests"
mvn -B -T 1C install -DskipTests "$@"
if (( $# > 0 )); then
  echo "== tests: mvn -B -T 1C surefire:test $*"
  exec mvn -B -T 1C surefire:test -Dtests.side-by-side "$@"
fi
e2e_log=e2e-tests/target/tests.log
echo "== tests: the end-to-end tier beside the rest (mvn -B surefire:test -pl e2e-tests > $e2e_log)"
# a process group of its own (what it starts included), stopped with this script: a background job
# ignores Ctrl-C's SIGINT, and so would the services its tests start
setsid mvn -B surefire:test -Dtests.side-by-side -pl e2e-tests > "$e2e_log" 2>&1 &
e2e=$!
trap 'kill -TERM -- "-$e2e" 2>/dev/null || true' EXIT
# Maven ends on Ctrl-C with status 130, which bash takes as handled: end here too
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
echo "== tests: mvn -B -T 1C surefire:test -pl '!e2e-tests'"
rest=0
mvn -B -T 1C surefire:test -Dtests.side-by-side -pl '!e2e-tests' || rest=$?
e2e_status=0
wait "$e2e" || e2e_status=$?
trap - EXIT INT TERM HUP
echo "== the end-to-end tier's output ($e2e_log)"
cat "$e2e_log"
echo "== tests: every other module $( ((rest == 0)) && echo passed || echo FAILED), the end-to-end tier $( ((e2e_status == 0)) && echo passed || echo FAILED)"
exit $(( rest != 0 || e2e_status != 0 ))
