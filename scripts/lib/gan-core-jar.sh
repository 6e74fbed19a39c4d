# Sourced by the scripts that run gan-core's jar (commands and benchmarks), from the repository
# root: the jar's path in $gan_core_jar, built first when it is missing. Messages go to stderr,
# where they stay out of a benchmark's JSON lines.
gan_core_jar=gan-core/target/gan-core-0.1.0-SNAPSHOT.jar
if [[ ! -f "$gan_core_jar" ]]; then
  echo "building gan-core ..." >&2
  mvn -B -q -pl gan-core -am package -DskipTests >&2
fi
