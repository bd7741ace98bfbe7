#!/usr/bin/env bash
# A whole study on the TornadoVM device, "before" (a jar you built from an older commit) vs "after" (this tree), in
# one command, side by side (issue 13): wall clock, CPU and max RSS (/usr/bin/time -v), load average, compile time
# and graphs compiled (-Dinitlab.tornado.stats=true), training samples/s, and whether the two sides' runs agree.
# Needs an installed TornadoVM SDK (TORNADOVM_HOME or TORNADO_SDK; e.g. source /work/tornado-sdk.env); never builds
# TornadoVM. Env:
#   BEFORE_JAR     (required) the "before" initlab.jar, with its lib/ folder beside it (the jar's Class-Path), e.g.
#                    git worktree add --detach /tmp/before 5ad3474 && cd /tmp/before && ./mvnw -B -q -ntp -Ptornado \
#                      -Dtornado.sdk=$TORNADO_SDK -Dtornado.api.version=5.2.0-jdk25 -DskipTests package
#                    then BEFORE_JAR=/tmp/before/target/initlab.jar (or a copy of target/initlab.jar and target/lib)
#   BEFORE_COMMIT  the commit BEFORE_JAR was built from, for the summary (default: unknown)
#   STUDY          the study (default experiments/udacity-tf-mnist.yaml)
#   OUT            where everything goes (default /tmp/bench-tornado-study): before.log, after.log (everything each
#                  side printed, time -v at the end), before/ and after/ (each side's fresh results folder),
#                  after-jar/ (the jar measured), machine.txt, summary.md
#   AFTER_ARGS     extra `run` options for the after side only (default "--runs-per-device auto"; "" for none)
#   INITLAB_DATA   passed through to both sides (the data sets)
# The sides run one after the other, before first; both are checked with `run --dry-run` first, so a rejected option
# or study fails in seconds, not after the before side's half hour. Timings are measurements, not tests: run it on a
# quiet machine and read the loads in the summary. Paths must not contain spaces (TornadoVM's launcher splits --params).
set -euo pipefail
[ -n "${BEFORE_JAR:-}" ] || { echo "bench-tornado-study.sh: set BEFORE_JAR to the before side's initlab.jar (see the comment at the top)" >&2; exit 2; }
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
before_jar=$(abs "$BEFORE_JAR")
[ -f "$before_jar" ] || { echo "bench-tornado-study.sh: BEFORE_JAR=$BEFORE_JAR: no such file" >&2; exit 2; }
[ -d "$(dirname "$before_jar")/lib" ] || { echo "bench-tornado-study.sh: $(dirname "$before_jar")/lib missing: copy the before build's target/lib beside its jar" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
study=$(abs "${STUDY:-$root/experiments/udacity-tf-mnist.yaml}")
out=$(abs "${OUT:-/tmp/bench-tornado-study}")
after_args=${AFTER_ARGS-"--runs-per-device auto"}
[ -f "$study" ] || { echo "bench-tornado-study.sh: STUDY=$study: no such file" >&2; exit 2; }
case "$before_jar$study$out" in *' '*) echo "bench-tornado-study.sh: paths must not contain spaces" >&2; exit 2 ;; esac
cd "$root"
sdk="${TORNADO_SDK:-${TORNADOVM_HOME:-}}"
[ -n "$sdk" ] && [ -x "$sdk/bin/tornado" ] || { echo "bench-tornado-study.sh: set TORNADOVM_HOME to a TornadoVM SDK (see README, TornadoVM)" >&2; exit 2; }
version=$(basename "$(ls "$sdk"/share/java/tornado/tornado-api-*.jar | head -n 1)" .jar); version=${version#tornado-api-}
invocation="BEFORE_JAR=$before_jar BEFORE_COMMIT=${BEFORE_COMMIT:-unknown} STUDY=$study OUT=$out AFTER_ARGS='$after_args' INITLAB_DATA=${INITLAB_DATA:-} scripts/bench-tornado-study.sh"

# The after jar: this tree, offline when the Maven cache has everything; copied so a rebuild meanwhile cannot change it.
mvn_args=(-B -q -ntp -Ptornado -Dtornado.sdk="$sdk" -Dtornado.api.version="$version" -DskipTests package)
./mvnw -o "${mvn_args[@]}" || ./mvnw "${mvn_args[@]}"
mkdir -p "$out"
rm -rf "$out/after-jar" && mkdir "$out/after-jar" && cp -r target/initlab.jar target/lib "$out/after-jar/"
after_jar=$out/after-jar/initlab.jar
after_commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src pom.xml 2>/dev/null)" ] || after_commit="$after_commit + uncommitted changes"

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"; echo "host: $(hostname)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1)"
  echo "before: ${BEFORE_COMMIT:-unknown} ($before_jar)"; echo "after: $after_commit ($root)"
  echo "tornadovm: $version ($sdk)"; echo "initlab_data: ${INITLAB_DATA:-(unset)}"; echo "study: $study"
  echo "invocation: $invocation"
  echo "devices:"; "$sdk/bin/tornado" --devices 2>/dev/null | grep -v '^WARNING' | sed 's/\x1b\[[0-9;]*m//g; /^ *$/d; s/^/  /' || true
} > "$out/machine.txt"
cat "$out/machine.txt"

# run SIDE JAR EXTRA [--dry-run]: the study on the TornadoVM device with that jar, into OUT/SIDE
side_params() { echo "run $study --backend tornado --out $out/$1${3:+ $3}${4:+ $4}"; }
tornado_cmd() { echo "$sdk/bin/tornado --jvm=-Dinitlab.tornado.stats=true -jar $2 --params \"$(side_params "$@")\""; }
for side in before after; do  # fail fast: the option or the study rejected by either jar
  jar=$before_jar; extra=""; [ $side = after ] && { jar=$after_jar; extra=$after_args; }
  "$sdk/bin/tornado" -jar "$jar" --params "$(side_params $side "$jar" "$extra" --dry-run)" > "$out/$side.dry-run.txt" 2>&1 \
    || { echo "bench-tornado-study.sh: the $side side rejects the study or its options:" >&2; grep -v "^WARNING" "$out/$side.dry-run.txt" | head -n 2 >&2; exit 1; }
  echo "$side: $(tail -n 1 "$out/$side.dry-run.txt")"
done
rc_all=0
for side in before after; do
  jar=$before_jar; extra=""; [ $side = after ] && { jar=$after_jar; extra=$after_args; }
  rm -rf "${out:?}/$side"
  {
    echo "command=/usr/bin/time -v $(tornado_cmd $side "$jar" "$extra")"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"; echo "start=$(date -u '+%H:%M:%S')"
  } > "$out/$side.meta"
  echo "== $side: $(tail -n 2 "$out/$side.meta" | tr '\n' ' ')(log: $out/$side.log)"
  rc=0
  /usr/bin/time -v "$sdk/bin/tornado" --jvm="-Dinitlab.tornado.stats=true" -jar "$jar" \
    --params "$(side_params $side "$jar" "$extra")" > "$out/$side.log" 2>&1 || rc=$?
  { echo "rc=$rc"; echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"; echo "end=$(date -u '+%H:%M:%S')"; } >> "$out/$side.meta"
  echo "   $side done: rc $rc, $(grep -o '^study=.*' "$out/$side.log" | cut -d' ' -f1-7 || true)"
  [ $rc -eq 0 ] || rc_all=1
done

python3 "$root/scripts/bench_tornado_study.py" "$out"
exit $rc_all
