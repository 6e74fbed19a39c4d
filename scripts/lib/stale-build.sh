# needs_build: prints why the local run must build first (a run artifact missing, or a source or
# pom newer than the oldest of them) and succeeds; fails, printing nothing, when the jars are current.
# Run from the repository root. Sourced by run-local.sh; tested by e2e-tests (LocalRunLifecycleTest).
run_artifacts=(trainer-service/target/quarkus-app/quarkus-run.jar generator-service/target/quarkus-app/quarkus-run.jar
  dashboard-service/target/quarkus-app/quarkus-run.jar kafka-local/target/classpath.txt)
needs_build() {
  local oldest="" a changed
  for a in "${run_artifacts[@]}"; do
    [[ -f "$a" ]] || { echo "first run: $a is missing"; return 0; }
    [[ -z "$oldest" || "$a" -ot "$oldest" ]] && oldest="$a"
  done
  changed="$(find pom.xml ./*/pom.xml ./*/src/main -newer "$oldest" -type f -print -quit 2>/dev/null)"
  [[ -n "$changed" ]] && { echo "sources changed since the last build (${changed#./})"; return 0; }
  return 1
}
