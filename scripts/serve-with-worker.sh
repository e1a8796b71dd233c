#!/usr/bin/env bash
# Run the web server and one task worker in the foreground; Ctrl+C (or either one stopping)
# stops both. Production runs them as separate services (docs/deployment.md).
set -uo pipefail
VAWDASV="${1:-vawdasv}"

"$VAWDASV" worker &
worker=$!
"$VAWDASV" serve &
web=$!

stop() {
  trap - INT TERM
  kill -TERM "$web" "$worker" 2>/dev/null
  wait "$web" "$worker" 2>/dev/null
}
trap 'stop; exit 130' INT TERM

# Whichever stops first (a crash, a port already taken) takes the other down with it.
wait -n "$web" "$worker"
status=$?
stop
exit "$status"
