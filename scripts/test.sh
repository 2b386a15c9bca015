#!/usr/bin/env bash
# Runs every test (installs Deno, supervisor for the compat tests and chromium for the dashboard's
# browser tests, when missing) and ends with
# the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure_deno.sh
if ! command -v supervisord >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's supervisor for the compatibility tests" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq supervisor; } >/dev/null 2>&1 ||
      echo "setup: could not install supervisor; the compatibility tests will be skipped" >&2
    # Debian's package starts a system supervisord where it can; the tests need none.
    pkill -x supervisord 2>/dev/null || true
  else
    echo "setup: supervisord is missing; the compatibility tests will be skipped" >&2
  fi
fi
# superlance's listeners for tests/e2e/superlance_test.ts: from pip, else Debian; skipped otherwise.
if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c 'import superlance' >/dev/null 2>&1; then
  { /usr/bin/python3 -m pip install -q --break-system-packages superlance ||
    { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq superlance; }; } >/dev/null 2>&1 ||
    echo "setup: could not install superlance (pip or Debian); its tests will be skipped" >&2
fi
if [ ! -x "${SVISOR_CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the dashboard's browser tests" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 ||
      echo "setup: could not install chromium; the browser tests will be skipped" >&2
  else
    echo "setup: chromium is missing; the dashboard's browser tests will be skipped" >&2
  fi
fi
if ! command -v promtool >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's prometheus for promtool (the metrics format check)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } >/dev/null 2>&1 ||
      echo "setup: could not install prometheus; the promtool check will be skipped" >&2
    # Debian's package starts a Prometheus server where it can; the tests need none.
    pkill -x prometheus 2>/dev/null || true
  else
    echo "setup: promtool is missing; the promtool check of /metrics will be skipped" >&2
  fi
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
deno task test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^(ok|FAILED) \| [0-9]+ passed' | tail -n 1)
passed=$(printf '%s' "$summary" | sed -E 's/.*\| ([0-9]+) passed.*/\1/')
failed=$(printf '%s' "$summary" | sed -E 's/.*\| ([0-9]+) failed.*/\1/')
if [ -z "$summary" ]; then
  echo "0 passed, 1 failed"
  echo "test: no test summary found (deno test exited $status)" >&2
  exit 1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
