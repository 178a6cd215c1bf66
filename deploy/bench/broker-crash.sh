#!/usr/bin/env bash
# What a SIGKILL of Mosquitto costs (README "A crash of the broker itself"): for each persistence
# setting, N readings (150 bytes, QoS 1) are PUBACKed into an offline persistent session, the broker
# is killed (-9) at once and restarted, and the readings the session still holds are counted.
# Prints one line per setting and writes them to deploy/bench/results/broker-crash.txt.
#   deploy/bench/broker-crash.sh [N]      (default 30000; above about 35,000 the counting
#   subscriber stalls after the restart, so larger N undercount what the broker kept)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
"$ROOT/deploy/local/install.sh" >/dev/null
N=${1:-30000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$ROOT/deploy/bench/results"
OUT="$ROOT/deploy/bench/results/broker-crash.txt"
: >"$OUT"
payload=$(head -c 150 /dev/zero | tr '\0' 'x')
for i in $(seq 1 "$N"); do echo "$i $payload"; done >"$WORK/in"

run() { # name, conf lines...
  local name=$1 port pid t0 t1 got
  shift
  port=$((20000 + RANDOM % 10000))
  mkdir -p "$WORK/$name"
  { echo "user $(id -un)"; echo "listener $port 127.0.0.1"; echo "allow_anonymous true"; echo "persistence true"
    echo "persistence_location $WORK/$name/"; echo "max_queued_messages 1000000"; echo "max_queued_bytes 0"
    echo "max_inflight_messages 1000"; printf '%s\n' "$@"; } >"$WORK/$name/m.conf"
  mosquitto -c "$WORK/$name/m.conf" >"$WORK/$name/log" 2>&1 & pid=$!
  sleep 0.5
  # the persistent session that will hold the readings (offline while they arrive)
  timeout 3 mosquitto_sub -p "$port" -i backlog -c -q 1 -t 'b/#' -V mqttv5 -x 86400 -W 1 >/dev/null 2>&1
  t0=$(date +%s.%N)
  mosquitto_pub -p "$port" -q 1 -t b/x -l -V mqttv5 <"$WORK/in"
  t1=$(date +%s.%N)
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  mosquitto -c "$WORK/$name/m.conf" >>"$WORK/$name/log" 2>&1 & pid=$!
  sleep 0.5
  got=$(timeout 40 mosquitto_sub -p "$port" -i backlog -c -q 1 -t 'b/#' -V mqttv5 -x 86400 -W 30 -C "$N" 2>/dev/null | wc -l)
  kill "$pid"; wait "$pid" 2>/dev/null
  printf '%-28s %d readings PUBACKed in %.2f s; after kill -9 the session held %d\n' "$name" "$N" \
    "$(echo "$t1 - $t0" | bc)" "$got" | tee -a "$OUT"
}
run "autosave_interval 5 s" "autosave_interval 5"
run "on changes, every 1000" "autosave_on_changes true" "autosave_interval 1000"
run "on changes, every 100" "autosave_on_changes true" "autosave_interval 100"
