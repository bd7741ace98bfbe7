#!/usr/bin/env bash
# Sets initlab up on a fresh machine: finds a JDK >= 21, fetches MNIST, Fashion-MNIST and Iris into data/,
# builds target/initlab.jar (tests are run by scripts/test.sh) and writes the launcher bin/initlab.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/jdk.sh
scripts/fetch-data.sh mnist fashion-mnist iris
./mvnw -B -q -ntp -DskipTests package
mkdir -p bin
cat > bin/initlab <<LAUNCHER
#!/usr/bin/env bash
# initlab launcher, written by scripts/setup.sh: works from any directory.
set -euo pipefail
root="$root"
if [ ! -f "\$root/target/initlab.jar" ]; then
  echo "initlab: \$root/target/initlab.jar is missing; run \$root/scripts/setup.sh" >&2
  exit 1
fi
. "\$root/scripts/jdk.sh"
# native access: JLine (under the progress bar) loads its native library, which JDK 22+ warns about otherwise
exec "\$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC \\
  \${INITLAB_JAVA_OPTS:-} \\
  -Dinitlab.home="\$root" -jar "\$root/target/initlab.jar" "\$@"
LAUNCHER
chmod +x bin/initlab
echo "setup: done; run $root/bin/initlab --help" >&2
