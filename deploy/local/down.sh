#!/usr/bin/env bash
# Stops exactly what deploy/local/up.sh started (the processes in deploy/local/run/*.pid):
# services first, then the broker and the database, each with SIGTERM so they save their state.
set -euo pipefail
RUN="${AQ_RUN_DIR:-$(cd "$(dirname "$0")" && pwd)/run}"
source "$(dirname "$0")/lib.sh"

stop() {
  local name=$1 pid
  pid=$(aq_pid "$name")
  if [ -n "$pid" ] && aq_running "$name"; then
    echo "stopping $name ($pid)"
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { echo "$name did not stop in 20 s; killing it"; kill -9 "$pid"; }
  fi
  rm -f "$RUN/$name.pid"
}
for name in stations gateway disclosure-service ingest-service target-service alert-service mosquitto influxd; do
  stop "$name"
done
