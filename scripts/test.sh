#!/usr/bin/env bash
# The test command: installs the tools the tests need when missing (scripts/install-test-tools.sh), fetches
# MNIST and Fashion-MNIST if missing, then builds and runs every test.
#   scripts/test.sh                 every test: the build first, then the modules' tests and the end-to-end
#                                   tier side by side (two Maven runs; the e2e lines start with [e2e])
#   scripts/test.sh [mvn options]   Maven as asked, one run: mvn -B verify [options], e.g. -pl gan-core -Dtest=X
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== tools"
bash scripts/install-test-tools.sh
echo "== MNIST and Fashion-MNIST"
bash scripts/fetch-mnist.sh
bash scripts/fetch-fashion-mnist.sh # Debian's dataset-fashion-mnist, unpacked without installing it
if (($#)); then
  echo "== mvn -B verify $*"
  exec mvn -B verify "$@"
fi

echo "== mvn -B install -DskipTests: every module built, the services packaged (the e2e tests start their jars)"
mvn -B install -DskipTests
# The e2e tier is mostly waiting (for processes to start, outages to pass) and the modules' tests
# leave a core a third idle: side by side they take about as long as the longer of the two.
echo "== mvn -B test: the modules' tests, and beside them the e2e tier ([e2e] lines)"
trap 'kill 0' INT TERM # Ctrl-C stops both Maven runs
(mvn -B test -pl e2e-tests 2>&1 | sed -u 's/^/[e2e] /') & # a subshell: its status is Maven's (pipefail)
e2e=$!
modules=0
mvn -B test -pl '!e2e-tests' || modules=$?
e2e_status=0
wait "$e2e" || e2e_status=$?
echo "== the modules' tests: $( ((modules)) && echo "FAILED ($modules)" || echo passed); the e2e tier: $( ((e2e_status)) && echo "FAILED ($e2e_status)" || echo passed)"
((modules == 0 && e2e_status == 0))
