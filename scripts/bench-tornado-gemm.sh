#!/usr/bin/env bash
# The TornadoVM GEMM figures of docs/performance.md ("TornadoVM GEMM") and results/bench/p9-tiled-gemm.md, in one
# command, on an installed TornadoVM SDK (TORNADOVM_HOME or TORNADO_SDK; e.g. source /work/tornado-sdk.env):
#   1. bench kernels --backend tornado: every kernel, each GEMM also as "tiled" and "2-D blocks", and 1024³;
#   2. the reference MLP (train --backend tornado, the seed MLP on MNIST, EPOCHS epochs) with the naive GEMMs
#      (-Dinitlab.tornado.tiledGemm=false) and with the engine's choice, alternated ROUNDS times, printing
#      samples/s and the train step's ms per execute();
#   3. a GEMM launch with its copies on float[] vs FloatArray (OffHeapCopyBench).
# Writes OUT (default /tmp/bench-tornado-gemm) and prints a summary. Env: ROUNDS (2), EPOCHS (1), DEVICE (default).
# Timings are measurements, not tests: note the load (printed) and compare only runs made side by side.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sdk="${TORNADO_SDK:-${TORNADOVM_HOME:-}}"
[ -n "$sdk" ] && [ -x "$sdk/bin/tornado" ] || { echo "bench-tornado-gemm.sh: set TORNADOVM_HOME to a TornadoVM SDK (see README, TornadoVM)" >&2; exit 2; }
version=$(basename "$(ls "$sdk"/share/java/tornado/tornado-api-*.jar | head -n 1)" .jar); version=${version#tornado-api-}
rounds=${ROUNDS:-2}; epochs=${EPOCHS:-1}; out=${OUT:-/tmp/bench-tornado-gemm}
device=(); [ -n "${DEVICE:-}" ] && device=(--device "$DEVICE")
mkdir -p "$out"
./mvnw -B -q -ntp -Ptornado -Dtornado.sdk="$sdk" -Dtornado.api.version="$version" -DskipTests package
load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "date: $(date -Is)"; echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "initlab: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"; echo "tornadovm: $version"
  "$sdk/bin/tornado" --devices 2>/dev/null | grep -v '^WARNING' | sed 's/\x1b\[[0-9;]*m//g; /^ *$/d; s/^/  /' || true
} | tee "$out/machine.txt"

echo "== bench kernels (load $(load))" | tee "$out/kernels.txt"
"$sdk/bin/tornado" -jar target/initlab.jar --params "bench kernels --backend tornado ${device[*]}" 2>&1 \
  | grep -v '^WARNING' | tee -a "$out/kernels.txt"
echo "== load after: $(load)" | tee -a "$out/kernels.txt"

for r in $(seq 1 "$rounds"); do
  for tiled in false true; do
    f="$out/train-round$r-tiled-$tiled.txt"
    echo "== round $r, tiledGemm=$tiled (load $(load))" > "$f"
    "$sdk/bin/tornado" --jvm="-Dinitlab.tornado.stats=true -Dinitlab.tornado.tiledGemm=$tiled" -jar target/initlab.jar \
      --params "train --backend tornado --epochs $epochs ${device[*]}" 2>&1 | grep -v '^WARNING' >> "$f"
    echo "   round $r tiledGemm=$tiled: $(grep -o 'test_accuracy=[^ ]* test_loss=[^ ]* samples_per_s=[^ ]*' "$f")," \
      "$(grep -o 'train-64: [^,]*, [^,]*, first [^,]*, then [0-9.]* ms/execute (min [0-9.]*)' "$f" | sed 's/.*then/train-64/')" \
      "(load before $(sed -n 's/.*(load \(.*\))/\1/p' "$f" | head -n 1))"
  done
done | tee "$out/summary.txt"

# issue 13, item 5: a GEMM launch with its copies on float[] vs TornadoVM's off-heap FloatArray (dense1's shape)
echo "== float[] vs FloatArray (load $(load))" | tee "$out/offheap.txt"
"${JAVA_HOME:+$JAVA_HOME/bin/}java" @"$sdk/tornado-argfile" -cp target/classes:target/test-classes \
  io.initlab.backend.tornado.OffHeapCopyBench 64 256 784 51 2>&1 | grep -v '^WARNING' | tee -a "$out/offheap.txt"
