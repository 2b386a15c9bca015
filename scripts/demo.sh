#!/usr/bin/env bash
# Runs svisor's daemon in the foreground on examples/svisor.conf (installs Deno first when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure_deno.sh
mkdir -p examples/run
exec deno run -A main.ts daemon -n -c examples/svisor.conf "$@"
