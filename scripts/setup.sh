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
# native access: JLine (under the progress bar) loads its native library, which JDK 22+ warns about otherwise.
# CompileThresholdScaling: initlab's own methods reach C1 and C2 after 1/20 of the usual calls and loop iterations;
# until C2 compiles them the Vector API kernels run 10-100x slower (docs/performance.md, warm-up).
jvm=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC
  -XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,io.initlab.*::*,0.05")
# The AOT cache made by scripts/setup.sh (JDK 25+), only while it belongs to this jar and JDK: the JVM does not
# check that the jar is unchanged (it would load stale classes), so the stamp does. -Xlog:…=off: a cache the JVM
# rejects anyway (other JVM options, another JDK, a damaged file) is skipped without a word.
cache="\$root/target/initlab.aot"
if [ -f "\$cache" ] && [ "\$(cat "\$cache.stamp" 2>/dev/null)" = "\$(cksum < "\$root/target/initlab.jar") \$JAVA_HOME" ]; then
  jvm+=("-XX:AOTCache=\$cache" "-Xlog:aot*=off" "-Xlog:cds*=off")
fi
exec "\$JAVA_HOME/bin/java" "\${jvm[@]}" \${INITLAB_JAVA_OPTS:-} -Dinitlab.home="\$root" -jar "\$root/target/initlab.jar" "\$@"
LAUNCHER
chmod +x bin/initlab
scripts/aot-cache.sh
echo "setup: done; run $root/bin/initlab --help" >&2
