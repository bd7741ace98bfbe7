#!/usr/bin/env bash
# Builds initlab with its TornadoVM backend and runs all tests, the TornadoVM ones on a TornadoVM device:
#   ./mvnw -Ptornado verify
# Needs an installed TornadoVM SDK (TORNADO_SDK or TORNADOVM_HOME) and a JDK of the version the SDK was built
# for (a "-jdk25" SDK needs JDK 25, a "-jdk21" one JDK 21). Extra arguments go to Maven, e.g.
#   scripts/test-tornado.sh -Dtest=EngineTest -Dsurefire.failIfNoSpecifiedTests=false
# Exits non-zero, saying what is missing, when TornadoVM is not there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing() {
  cat >&2 <<EOF
test-tornado.sh: $1

To test initlab's TornadoVM backend you need TornadoVM 5.2 installed:
  - get a TornadoVM SDK for your platform and backend (OpenCL, PTX or SPIR-V) from the TornadoVM
    releases (https://github.com/beehive-lab/TornadoVM/releases) or its installer
    (https://tornadovm.readthedocs.io/en/latest/installation.html), with a JDK of the same version
    (a tornadovm-5.2.0-jdk25-* SDK runs on JDK 25, a -jdk21 one on JDK 21);
  - a device driver: an OpenCL runtime (GPU driver, or PoCL for CPUs: apt-get install pocl-opencl-icd),
    or CUDA for PTX; check with: \$TORNADOVM_HOME/bin/tornado --devices
  - then: export TORNADOVM_HOME=/path/to/the/sdk   (TORNADO_SDK works too)
          export JAVA_HOME=/path/to/the/matching/jdk
          scripts/test-tornado.sh
The ordinary build and tests need none of this: scripts/test.sh
EOF
  exit 2
}

sdk="${TORNADO_SDK:-${TORNADOVM_HOME:-}}"
[ -n "$sdk" ] || missing "neither TORNADO_SDK nor TORNADOVM_HOME is set."
[ -d "$sdk" ] || missing "the TornadoVM SDK directory $sdk does not exist."
api=$(ls "$sdk"/share/java/tornado/tornado-api-*.jar 2>/dev/null | head -n 1 || true)
[ -n "$api" ] || missing "$sdk has no share/java/tornado/tornado-api-*.jar: not a TornadoVM SDK."
[ -f "$sdk/tornado-argfile" ] || missing "$sdk has no tornado-argfile (generate it with: $sdk/bin/tornado --generate-argfile)."
version=$(basename "$api" .jar); version=${version#tornado-api-}          # e.g. 5.2.0-jdk25
case "$version" in
  *-jdk*) want=${version##*-jdk} ;;
  *) want=21 ;;
esac

# a JDK whose feature version is the SDK's ("-jdk25" -> 25), found like scripts/jdk.sh finds one
java_major() {
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
jdk=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*/ /usr/local/lib/jvm/*/ /opt/java/*/; do
  [ -n "$d" ] && [ -d "$d" ] || continue
  d=${d%/}
  if [ "$(java_major "$d")" = "$want" ]; then jdk=$d; break; fi
done
[ -n "$jdk" ] || missing "TornadoVM $version needs a JDK $want (javac included); none found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm)."
export JAVA_HOME=$jdk PATH="$jdk/bin:$PATH"
export TORNADO_SDK=$sdk TORNADOVM_HOME=$sdk

echo "test-tornado.sh: TornadoVM $version at $sdk, JDK $want at $JAVA_HOME"
if [ -x "$sdk/bin/tornado" ]; then
  "$sdk/bin/tornado" --devices 2>/dev/null | sed 's/^/  /' || true
fi
scripts/fetch-data.sh || echo "test-tornado.sh: data fetch failed; data-dependent tests use their fallbacks" >&2

status=0
./mvnw -B -ntp -Ptornado -Dtornado.sdk="$sdk" -Dtornado.api.version="$version" verify "$@" || status=$?

# the results of the TornadoVM tests
build_dir=target
for a in "$@"; do
  case "$a" in -Dinitlab.build.dir=*) build_dir=${a#-Dinitlab.build.dir=} ;; esac
done
reports="$build_dir/surefire-reports-tornado"
if ls "$reports"/*.txt >/dev/null 2>&1; then
  echo
  echo "TornadoVM tests ($reports):"
  grep -h "Tests run:" "$reports"/*.txt | sed 's/^/  /'
fi
exit $status
