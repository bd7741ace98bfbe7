#!/usr/bin/env bash
# The reference run's warm-up, measured: epoch 1 vs epoch 2 and the whole command's wall time, for each way of
# starting the JVM (docs/performance.md, "Warm-up and per-step overhead"), run after run interleaved:
#   plain     the launcher's flags before part 10, --no-warm-up
#   warm-up   + the warm-up thread (train's default)
#   cts       + CompileThresholdScaling 0.05 for io.initlab.*, --no-warm-up
#   both      warm-up + cts
#   launcher  bin/initlab as setup.sh writes it: both + the AOT cache when scripts/aot-cache.sh made one
# Usage: scripts/warmup-bench.sh [REPEATS (default 5)] [THREADS (default 1)]. Needs MNIST and bin/initlab (setup.sh).
# Prints one line per run and, per variant, the median and minimum of each column. Timings, not tests: run it on an
# otherwise idle machine; the load average is printed beside each run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/jdk.sh
repeats=${1:-5}; threads=${2:-1}
[ -x bin/initlab ] || { echo "warmup-bench: run scripts/setup.sh first" >&2; exit 2; }
ref=(train --init xavier_normal --epochs 2 --batch 64 --optimizer adam --lr 1e-3 --seed 42 --threads "$threads" --no-progress)
base=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC)
cts=(-XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,io.initlab.*::*,0.05")
jar=(-Dinitlab.home="$root" -jar "$root/target/initlab.jar")
run() {  # NAME COMMAND... : one line: name load epoch1_s epoch2_s total_s accuracy
  local name=$1 load start out e1 e2 acc; shift
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s%N)
  out=$("$@" 2>/dev/null)
  total=$(( ($(date +%s%N) - start) / 1000000 ))
  e1=$(sed -n 's/^epoch 1:.*(\([0-9.]*\) s.*/\1/p' <<<"$out")
  e2=$(sed -n 's/^epoch 2:.*(\([0-9.]*\) s.*/\1/p' <<<"$out")
  acc=$(sed -n 's/.*\(test_accuracy=[0-9.]* test_loss=[0-9.]*\).*/\1/p' <<<"$out")
  printf "%-9s load %5s  epoch1 %6s s  epoch2 %6s s  ratio %5s  total %6.2f s  %s\n" "$name" "$load" "$e1" "$e2" \
    "$(awk -v a="$e1" -v b="$e2" 'BEGIN { printf "%.2f", a / b }')" "$(awk -v t="$total" 'BEGIN { print t / 1000 }')" "$acc"
}
echo "warmup-bench: $(date -Is), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), $repeats repeats, $threads thread(s)"
lines=$(mktemp)
for r in $(seq "$repeats"); do
  run plain "$JAVA_HOME/bin/java" "${base[@]}" "${jar[@]}" "${ref[@]}" --no-warm-up | tee -a "$lines"
  run warm-up "$JAVA_HOME/bin/java" "${base[@]}" "${jar[@]}" "${ref[@]}" | tee -a "$lines"
  run cts "$JAVA_HOME/bin/java" "${base[@]}" "${cts[@]}" "${jar[@]}" "${ref[@]}" --no-warm-up | tee -a "$lines"
  run both "$JAVA_HOME/bin/java" "${base[@]}" "${cts[@]}" "${jar[@]}" "${ref[@]}" | tee -a "$lines"
  run launcher bin/initlab "${ref[@]}" | tee -a "$lines"
done
echo "median / minimum per variant (epoch 1, epoch 2, epoch1/epoch2, total s):"
for v in plain warm-up cts both launcher; do
  awk -v v="$v" '$1 == v { e1[n + 0] = $5; e2[n + 0] = $8; q[n + 0] = $11; t[n + 0] = $13; n++ }
    function med(a,   i, j, x) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
                                 return a[int((n - 1) / 2)] " / " a[0] }
    END { if (n) printf "  %-9s epoch1 %s  epoch2 %s  ratio %s  total %s\n", v, med(e1), med(e2), med(q), med(t) }' "$lines"
done
rm -f "$lines"
