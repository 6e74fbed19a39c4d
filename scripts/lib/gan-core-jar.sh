# Sourced by the scripts that run gan-core's commands (train.sh, export.sh): the jar's path, built
# first when it is missing.
gan_core_jar=gan-core/target/gan-core-0.1.0-SNAPSHOT.jar
if [[ ! -f "$gan_core_jar" ]]; then
  echo "building gan-core ..."
  mvn -B -q -pl gan-core -am package -DskipTests
fi
