#!/usr/bin/env bash
# Runs every test and ends with the line "N passed, N failed". Installs what the tests use when it
# is missing and this runs as root: Deno (npm), and from Debian supervisor (compat tests), chromium
# (the dashboard's browser tests), rsyslog (syslog test), prometheus (promtool for /metrics) and
# superlance (pip or Debian); each test that needs one is skipped, saying so, where it cannot be had.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure_deno.sh

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_updated=""
# apt_install PACKAGE WHAT: installs a Debian package, or says which tests will be skipped.
apt_install() {
  if ! can_apt; then
    echo "setup: $1 is missing; $2 will be skipped" >&2
    return 1
  fi
  echo "setup: installing Debian's $1 for $2" >&2
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null 2>&1; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null 2>&1 ||
    { echo "setup: could not install $1; $2 will be skipped" >&2; return 1; }
}
# Debian's packages start their own services where they can; the tests need none. Stop only the one
# the package started (its service, else the pid in its pidfile), never another copy on the host.
stop_packaged_supervisord() {
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet supervisor 2>/dev/null; then
    systemctl stop supervisor && return
  fi
  local conf=/etc/supervisor/supervisord.conf pidfile pid
  pidfile=$(sed -n 's/^[[:space:]]*pidfile[[:space:]]*=[[:space:]]*\([^;[:space:]]*\).*/\1/p' "$conf" 2>/dev/null |
    head -n 1)
  pidfile=${pidfile:-/var/run/supervisord.pid}
  pid=$(cat "$pidfile" 2>/dev/null) || return 0
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = supervisord ]; then
    kill "$pid" 2>/dev/null || true
  fi
}
stop_packaged_service() {
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$1" 2>/dev/null; then
    systemctl stop "$1" 2>/dev/null || true
  elif [ -x "/etc/init.d/$1" ]; then
    "/etc/init.d/$1" stop >/dev/null 2>&1 || true
  fi
}

if ! command -v supervisord >/dev/null 2>&1; then
  apt_install supervisor "the compatibility tests" && stop_packaged_supervisord
fi
if [ ! -x "${SVISOR_CHROMIUM:-/usr/bin/chromium}" ]; then
  apt_install chromium "the dashboard's browser tests"
fi
if ! command -v rsyslogd >/dev/null 2>&1; then
  apt_install rsyslog "the rsyslog part of the syslog test" && stop_packaged_service rsyslog
fi
if ! command -v promtool >/dev/null 2>&1; then
  apt_install prometheus "the promtool check of /metrics" && stop_packaged_service prometheus
fi
# superlance's listeners for tests/e2e/superlance_test.ts: from pip, else Debian; skipped otherwise.
if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c 'import superlance' >/dev/null 2>&1; then
  { /usr/bin/python3 -m pip install -q --break-system-packages superlance >/dev/null 2>&1 ||
    { can_apt && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq superlance >/dev/null 2>&1; }; } ||
    echo "setup: could not install superlance (pip or Debian); its tests will be skipped" >&2
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
total_passed=0
total_failed=0
status=0
# run_phase ARGS...: one `deno test` run, its summary added to the totals.
run_phase() {
  : >"$log"
  deno test -A "$@" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]} summary
  summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^(ok|FAILED) \| [0-9]+ passed' | tail -n 1)
  if [ -z "$summary" ]; then
    echo "test: no test summary found (deno test $* exited $code)" >&2
    total_failed=$((total_failed + 1))
    status=1
    return
  fi
  total_passed=$((total_passed + $(printf '%s' "$summary" | sed -E 's/.*\| ([0-9]+) passed.*/\1/')))
  total_failed=$((total_failed + $(printf '%s' "$summary" | sed -E 's/.*\| ([0-9]+) failed.*/\1/')))
  [ "$code" = 0 ] || status=$code
}
if [ $# -gt 0 ]; then
  run_phase --doc --parallel "$@"
else
  # The compatibility scenarios compare timing-sensitive transcripts (a 3-second child still
  # running at a status) and the reliability tests load the machine on purpose (crash storms,
  # floods): each runs as a phase of its own after the rest, so neither skews the other on 2 cores.
  run_phase --doc --parallel --ignore=tests/compat,tests/reliability
  run_phase --parallel tests/compat
  run_phase tests/reliability
fi
echo "${total_passed} passed, ${total_failed} failed"
exit "$status"
