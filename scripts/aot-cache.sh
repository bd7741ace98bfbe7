#!/usr/bin/env bash
# Makes target/initlab.aot, the JDK's ahead-of-time cache of initlab's classes (JEP 483/514), from a short training
# run on MNIST, and its stamp (the jar's checksum and the JDK), which bin/initlab compares before using it.
# Run by scripts/setup.sh after each build; skipped on a JDK before 25 (no -XX:AOTCacheOutput) or without MNIST.
# With --add-modules (the Vector API) JDK 25 stores loaded classes only: no AOT linking, no method profiles
# (docs/performance.md, warm-up).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/jdk.sh
cache=target/initlab.aot
rm -f "$cache" "$cache.stamp"
major=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
if [ "${major:-0}" -lt 25 ]; then
  echo "aot-cache: JDK $major has no -XX:AOTCacheOutput (JDK 25+): no AOT cache, initlab runs without it" >&2
  exit 0
fi
if ! INITLAB_JAVA_OPTS="-XX:AOTCacheOutput=$root/$cache -Xlog:aot*=off -Xlog:cds*=off" \
    bin/initlab train --limit 2048 --epochs 1 --no-progress > /dev/null 2> target/aot-cache.log || [ ! -s "$cache" ]; then
  rm -f "$cache"
  echo "aot-cache: the training run failed (see target/aot-cache.log): no AOT cache, initlab runs without it" >&2
  exit 0
fi
echo "$(cksum < target/initlab.jar) $JAVA_HOME" > "$cache.stamp"
echo "aot-cache: $cache ($(( $(stat -c %s "$cache") / 1048576 )) MB)" >&2
