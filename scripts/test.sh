#!/usr/bin/env bash
# Runs every test (installs Deno, and supervisor for the compat tests, when missing) and ends with
# the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure_deno.sh

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
if ! command -v supervisord >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's supervisor for the compatibility tests" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq supervisor; } >/dev/null 2>&1 ||
      echo "setup: could not install supervisor; the compatibility tests will be skipped" >&2
    # Debian's package starts a system supervisord where it can; the tests need none. Stop that
    # one only (its service, else the pid in its pidfile), never another supervisord on the host.
    stop_packaged_supervisord
  else
    echo "setup: supervisord is missing; the compatibility tests will be skipped" >&2
  fi
fi
if ! command -v rsyslogd >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  # The syslog tests start their own rsyslogd on a private socket; they skip, saying so, without it.
  echo "setup: installing Debian's rsyslog for the syslog tests" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rsyslog; } \
    >/dev/null 2>&1 || echo "setup: could not install rsyslog; its syslog test will be skipped" >&2
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
