#!/usr/bin/env bash
# Runs initlab's tests with a JDK >= 21 (found by scripts/jdk.sh). Fetches the real data first when
# it can, so the real-data tests run; they fall back to generated subsets when it cannot. Installs
# Debian's chromium (when root) for the test that renders a report headless.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
scripts/fetch-data.sh || echo "test.sh: data fetch failed; data-dependent tests use their fallbacks" >&2
# the report test renders a real report in headless Chromium; install it where we can (Debian, as root)
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test.sh: installing chromium for the report rendering test" >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >/dev/null 2>&1 \
    || echo "test.sh: could not install chromium; the rendering test will be skipped" >&2
fi
exec ./mvnw -B -ntp verify "$@"
