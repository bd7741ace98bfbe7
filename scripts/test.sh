#!/usr/bin/env bash
# Runs initlab's tests with a JDK >= 21 (found by scripts/jdk.sh). Fetches the real data first when
# it can, so the real-data tests run; they fall back to generated subsets when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
scripts/fetch-data.sh || echo "test.sh: data fetch failed; data-dependent tests use their fallbacks" >&2
exec ./mvnw -B -ntp verify "$@"
