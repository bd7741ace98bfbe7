#!/usr/bin/env bash
# Runs initlab's tests with a JDK >= 21 (found by scripts/jdk.sh). Fetches the real data first and
# installs Debian's chromium (when root) for the test that renders a report headless. On a developer's
# machine a failed fetch or install only skips the tests that need them; on CI (CI=true) it stops here
# with the reason, and those tests fail rather than skip (src/test/java/io/initlab/Prerequisites.java).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh

# on CI: stop with the reason; elsewhere: say which tests will be skipped, and go on
missing() {
  if [ "${CI:-}" = true ]; then
    echo "test.sh: CI=true but $1" >&2
    exit 1
  fi
  echo "test.sh: $1; the tests that need it are skipped" >&2
}

scripts/fetch-data.sh || missing "the data fetch failed (scripts/fetch-data.sh)"
# the data sets of parts 7 and 8 come from the mirror folder named by INITLAB_MIRROR where the canonical
# sources are out of reach (.ci/run points it at ../shared/data); each one's tests need it
for set in iris california-housing cifar10-jpeg; do
  scripts/fetch-data.sh "$set" || missing "$set could not be fetched (scripts/fetch-data.sh $set; INITLAB_MIRROR=${INITLAB_MIRROR:-unset})"
done

# the report test renders a real report in headless Chromium; install it where we can (Debian, as root)
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
    && ! command -v google-chrome >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing chromium for the report rendering test" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >/dev/null 2>&1 \
      || missing "chromium could not be installed (apt-get install -y chromium)"
  else
    missing "there is no chromium, and only root on Debian can install it here (apt-get install -y chromium)"
  fi
fi
exec ./mvnw -B -ntp verify "$@"
