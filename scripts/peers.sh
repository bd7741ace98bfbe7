#!/usr/bin/env bash
# The peer harness (issue 14, "Benchmarks"): builds initlab's peers and runs them next to initlab, interleaved
# round by round, each on ONE thread, and writes results/bench/peers-DATE/ (peers-DATE-quick/ with --quick):
#   machine.txt  the machine, JDK, OpenBLAS core, libtorch, load averages
#   peers.csv    one row per round × workload × peer × figure (and the load average when the run started)
#   peers.md     median and best (from the fastest round) per workload and peer; ratios initlab / peer
#   raw/         every run's output
# Workloads (peers/README.md says how each is timed):
#   mlp        the seed MLP's reference run (bin/initlab train, 2 epochs of MNIST) vs PyTorch (DJL) and a C loop on
#              OpenBLAS without and with denormals flushed
#   cnn-5fold  the 5-fold study's CNN, cnn-cifar part 8's DL-A1 CIFAR CNN: initlab vs PyTorch (DJL)
#   sgemm      initlab's GEMM (JvmOps) vs OpenBLAS cblas_sgemm at the MLP's shapes and 256…2048² in NN, TN, NT
# Usage: scripts/peers.sh [--rounds N] [--quick] [--only mlp,cnn-5fold,cnn-cifar,sgemm]
#   --quick: fewer CNN images, squares up to 1024, shorter GEMM windows (a check that every peer runs)
# Needs: MNIST in $INITLAB_DATA (scripts/fetch-data.sh mnist), gcc and libopenblas-dev, python3; Maven Central for the
# first DJL build (libtorch comes in a jar: nothing is downloaded at run time, -Dai.djl.offline=true).
# Timings are measurements, not tests: run it on an otherwise idle machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/jdk.sh

rounds=""; quick=0; only="mlp,cnn-5fold,cnn-cifar,sgemm"
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) [ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]*$ ]] || { echo "peers.sh: --rounds needs a number >= 1" >&2; exit 2; }
              rounds=$2; shift ;;
    --quick) quick=1 ;;
    --only) [ $# -ge 2 ] || { echo "peers.sh: --only needs a list, e.g. mlp,sgemm" >&2; exit 2; }; only=$2; shift ;;
    *) echo "peers.sh: unknown option $1 (use --rounds N, --quick, --only LIST)" >&2; exit 2 ;;
  esac
  shift
done
for w in ${only//,/ }; do
  case $w in mlp|cnn-5fold|cnn-cifar|sgemm) ;; *) echo "peers.sh: unknown workload '$w' in --only" >&2; exit 2 ;; esac
done
export INITLAB_DATA=${INITLAB_DATA:-$root/data}
mnist="$INITLAB_DATA/mnist"
[ -f "$mnist/train-images-idx3-ubyte" ] || { echo "peers.sh: no MNIST in $mnist (run scripts/fetch-data.sh mnist)" >&2; exit 1; }

if [ $quick = 1 ]; then
  rounds=${rounds:-2}; five_fold_images=4000; cifar_images=2000
  squares="256 512 1024"; gemm_timing=(--warmup-ms 1000 --min-ms 100 --repeats 3)
else
  rounds=${rounds:-3}; five_fold_images=20000; cifar_images=10000
  squares="256 512 1024 2048"; gemm_timing=(--warmup-ms 1000 --min-ms 300 --repeats 5)
fi
# the MLP's GEMMs at batch 64 (forward, weight gradient, input gradient per layer), as GemmBench has them
shapes=(NN:64x256x784 TN:784x256x64 NT:64x784x256 NN:64x128x256 TN:256x128x64 NT:64x256x128
        NN:64x10x128 TN:128x10x64 NT:64x128x10)
for layout in NN TN NT; do for s in $squares; do shapes+=("$layout:${s}x${s}x${s}"); done; done

# One thread everywhere: OpenMP (libtorch), OpenBLAS, MKL; torch's own pools by DJL's properties below.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# OpenBLAS's AVX-512 kernels where the CPU has AVX-512 (it may pick its Haswell ones on AMD): the C commands only.
blas_env=()
grep -qw avx512f /proc/cpuinfo && blas_env=(OPENBLAS_CORETYPE=SkylakeX)

# --- build ---
build="$root/peers/build"
mkdir -p "$build/c" "$build/initlab"
[ -f target/initlab.jar ] && [ -x bin/initlab ] || scripts/setup.sh
gcc -O2 -march=native -o "$build/c/mlp" peers/c/mlp.c -lopenblas -lm
gcc -O2 -march=native -o "$build/c/sgemm" peers/c/sgemm.c -lopenblas
"$JAVA_HOME/bin/javac" -nowarn -Xlint:-incubating --add-modules jdk.incubator.vector -cp target/initlab.jar \
  -d "$build/initlab" peers/common/*.java peers/initlab/*.java
# for the two small initlab drivers: bin/initlab's module, native-access and GC flags, but not its compile
# thresholds or AOT cache (their end-to-end figures include the JIT's plain warm-up; the mlp workload runs bin/initlab)
initlab_java=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
              -XX:+UseParallelGC ${INITLAB_JAVA_OPTS:-} -cp "target/initlab.jar:$build/initlab")
djl_error=""
if ./mvnw -B -ntp -q -f peers/djl/pom.xml package > "$build/djl-build.log" 2>&1; then
  djl_java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true
            -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1
            -cp "peers/djl/target/djl-peer.jar:$(cat peers/djl/target/classpath.txt)" peers.DjlPeer)
  # the first start unpacks libtorch (~400 MB) into ~/.djl.ai: do it before anything is timed
  if ! "${djl_java[@]}" cnn-cifar - 64 > "$build/djl-prime.log" 2>&1; then
    djl_error="DJL run failed: $(grep -m1 -E 'Exception|Error' "$build/djl-prime.log" || tail -n 1 "$build/djl-prime.log")"
  fi
else
  djl_error="DJL build failed: $(grep -m1 ERROR "$build/djl-build.log" || tail -n 1 "$build/djl-build.log")"
fi
[ -z "$djl_error" ] || echo "peers.sh: PyTorch (DJL) not runnable here: $djl_error" >&2

suffix=""; [ $quick = 1 ] && suffix=-quick
out="results/bench/peers-$(date +%F)$suffix"
mkdir -p "$out/raw"
{
  echo "date: $(date -Is)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
  echo "cores: $(getconf _NPROCESSORS_ONLN)"
  echo "avx512: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)"
  echo "jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
  echo "initlab: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)')"
  echo "openblas: $(dpkg-query -W -f '${Version}' libopenblas0-pthread 2>/dev/null || echo '?'), ${blas_env[*]:-default core}, core $(env "${blas_env[@]}" "$build/c/sgemm" 2>/dev/null | sed -n 's/^openblas core: //p')"
  echo "gcc: $(gcc -dumpfullversion) -O2 -march=native"
  echo "pytorch: ${djl_error:-$(grep -m1 '^djl:' "$build/djl-prime.log" | sed 's/^djl: //')}"
  echo "threads: 1 (OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1, torch num_threads 1, initlab --threads 1)"
  echo "mode: $([ $quick = 1 ] && echo quick || echo full), rounds $rounds, workloads $only"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt"

csv="$out/peers.csv"
echo "round,workload,peer,figure,value,load1" > "$csv"
load1() { cut -d' ' -f1 /proc/loadavg; }

# run ROUND WORKLOAD PEER CMD...: runs one peer, keeps its output, adds its RESULT figures (and wall time) to the csv
run() {
  local round=$1 workload=$2 peer=$3; shift 3
  local log="$out/raw/r$round-$workload-$peer.txt" load start end
  load=$(load1)
  echo "round $round: $workload $peer (load $load)" >&2
  start=$(date +%s%N)
  local rc=0
  "$@" > "$log" 2>&1 || rc=$?
  if [ $rc != 0 ]; then
    echo "peers.sh: $workload $peer failed (exit $rc); see $log" >&2
    echo "$round,$workload,$peer,failed,1,$load" >> "$csv"
    return 0
  fi
  end=$(date +%s%N)
  local ms=$(( (end - start) / 1000000 ))
  echo "$round,$workload,$peer,process_s,$(( ms / 1000 )).$(printf %03d $(( ms % 1000 ))),$load" >> "$csv"
  python3 peers/results.py parse "$round" "$workload" "$peer" "$load" < "$log" >> "$csv"
}

# rotate PEERS... by ROUND: each round starts with another peer, so none is always first after the previous load
rotated() {
  local r=$1; shift
  local n=$# i
  local a=("$@")
  for ((i = 0; i < n; i++)); do echo "${a[$(( (i + r) % n ))]}"; done
}

for ((round = 1; round <= rounds; round++)); do
  for w in ${only//,/ }; do
    case $w in
      mlp) peers=(initlab c-openblas c-openblas-ftz); [ -z "$djl_error" ] && peers+=(pytorch-djl) ;;
      cnn-5fold|cnn-cifar) peers=(initlab); [ -z "$djl_error" ] && peers+=(pytorch-djl) ;;
      sgemm) peers=(initlab c-openblas) ;;
    esac
    for p in $(rotated "$round" "${peers[@]}"); do
      case $w:$p in
        mlp:initlab) run "$round" $w $p bin/initlab train --init xavier_normal --epochs 2 --batch 64 --optimizer adam \
                       --lr 1e-3 --seed 42 --threads 1 --no-progress ;;
        mlp:c-openblas) run "$round" $w $p env "${blas_env[@]}" "$build/c/mlp" "$mnist" ;;
        mlp:c-openblas-ftz) run "$round" $w $p env "${blas_env[@]}" "$build/c/mlp" "$mnist" --ftz ;;
        mlp:pytorch-djl) run "$round" $w $p "${djl_java[@]}" mlp "$mnist" ;;
        cnn-5fold:initlab) run "$round" $w $p "${initlab_java[@]}" peers.InitlabCnn cnn-5fold $five_fold_images ;;
        cnn-5fold:pytorch-djl) run "$round" $w $p "${djl_java[@]}" cnn-5fold "$mnist" $five_fold_images ;;
        cnn-cifar:initlab) run "$round" $w $p "${initlab_java[@]}" peers.InitlabCnn cnn-cifar $cifar_images ;;
        cnn-cifar:pytorch-djl) run "$round" $w $p "${djl_java[@]}" cnn-cifar - $cifar_images ;;
        sgemm:initlab) run "$round" $w $p "${initlab_java[@]}" peers.InitlabGemm "${gemm_timing[@]}" "${shapes[@]}" ;;
        sgemm:c-openblas) run "$round" $w $p env "${blas_env[@]}" "$build/c/sgemm" "${gemm_timing[@]}" "${shapes[@]}" ;;
      esac
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
python3 peers/results.py table "$out" ${djl_error:+--note "PyTorch (DJL) not runnable here: $djl_error"} > "$out/peers.md"
cat "$out/peers.md"
echo "peers.sh: results in $out" >&2
