# Sourced by the scripts that run the command line's jar (commands and benchmarks), from the repository
# root: the jar's path in $cli_jar, built first when it is missing. Messages go to stderr, where they
# stay out of a benchmark's JSON lines.
cli_jar=cli/target/digitgan-cli-0.1.0-SNAPSHOT.jar
if [[ ! -f "$cli_jar" ]]; then
  echo "building the command line (cli, gan-core) ..." >&2
  mvn -B -q -pl cli -am package -DskipTests >&2
fi
