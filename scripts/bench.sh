#!/usr/bin/env bash
# Runs initlab's benchmarks and writes them to results/bench/DATE/ with a description of the machine:
#   jmh.json + jmh.md   JMH: every JVM kernel (GEMM layouts at the MLP's shapes and 256…2048 squares,
#                       element-wise kernels, samplers, a whole training step)
#   train-*.txt/csv/png initlab bench train on 1 and 2 threads, batch and width sweeps; the studies' CNNs (--cnn)
#   warmup-1thread.txt  the reference run's epoch 1 vs epoch 2 per way of starting the JVM (scripts/warmup-bench.sh)
#   study.txt           wall time of the udacity-tf-mnist study with --jobs 2 (skip with --no-study)
# Options: --quick (short JMH iterations), --no-study. Timings are measurements, not tests: run it on an
# otherwise idle machine and compare runs of the same machine type (see machine.txt).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/jdk.sh
quick=0; study=1
for a in "$@"; do
  case $a in
    --quick) quick=1 ;;
    --no-study) study=0 ;;
    *) echo "bench.sh: unknown option $a (use --quick, --no-study)" >&2; exit 2 ;;
  esac
done
out="results/bench/$(date +%F)"
mkdir -p "$out"
{
  echo "date: $(date -Is)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
  echo "cores: $(nproc)"
  echo "avx512: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no)"
  echo "jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
  echo "vector bits: see train-1thread.txt (backend line)"
  echo "initlab: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt"

[ -x bin/initlab ] || scripts/setup.sh
./mvnw -B -q -ntp -Pbench -DskipTests package -Dinitlab.build.dir="$root/target/bench-build"
jar="$root/target/bench-build/benchmarks.jar"
if [ $quick = 1 ]; then jmh=(-f 1 -wi 2 -i 3 -w 500ms -r 500ms); else jmh=(-f 1 -wi 3 -i 5 -w 1s -r 2s); fi
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -jar "$jar" "${jmh[@]}" -rf json -rff "$out/jmh.json" | tee "$out/jmh.txt"
"$JAVA_HOME/bin/java" -cp "$jar" io.initlab.bench.jmh.JmhReport "$out/jmh.json" "$out/jmh.md"

bin/initlab bench train --threads 1 --out "$out/sweep-1thread" | tee "$out/train-1thread.txt"
bin/initlab bench train --threads 2 --no-sweep | tee "$out/train-2threads.txt"
for t in 1 2; do bin/initlab bench train --cnn --threads $t | tee "$out/train-cnn-${t}thread.txt"; done
bin/initlab train --init xavier_normal --epochs 2 --batch 64 --optimizer adam --lr 1e-3 --seed 42 --threads 1 --no-progress \
  | tee "$out/reference-run-1thread.txt"
scripts/warmup-bench.sh 3 1 | tee "$out/warmup-1thread.txt"
if [ $study = 1 ]; then
  tmp=$(mktemp -d)
  start=$(date +%s%N)
  bin/initlab run experiments/udacity-tf-mnist.yaml --jobs 2 --out "$tmp/study" --no-progress --no-report | tee "$out/study.txt"
  end=$(date +%s%N)
  echo "udacity-tf-mnist --jobs 2 wall_s=$(( (end - start) / 1000000000 ))" | tee -a "$out/study.txt"
  rm -rf "$tmp"
fi
echo "bench.sh: results in $out"
